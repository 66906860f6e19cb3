import type { EventStore } from '../../event-store/event-store.port.js';
import { comparePositions, parsePosition, type Position } from '../../event-store/position.js';
import { problem, ProblemException } from '../problem.js';

/**
 * A position a client sent back (`minPosition`, `Last-Event-ID`, `after`): it must be one
 * the store has reached, since every position the service hands out is. One beyond the
 * store's head was never returned by a command or sent by a feed (a typo, or an id from
 * another store), and waiting for it would leave a read hanging or a feed silent.
 */
export async function positionParameter(
  text: string,
  path: string,
  store: Pick<EventStore, 'headPosition'>,
): Promise<Position> {
  const position = parsePosition(text);
  if (!position) throw refused(path, 'not a position');
  const head = await store.headPosition();
  if (comparePositions(position, head) > 0) {
    throw refused(path, `beyond the store's last position (${head})`);
  }
  return position;
}

function refused(path: string, message: string): ProblemException {
  const name = path.replace(/^header:/, '');
  return new ProblemException(
    problem('validation', `${name} must be a position this service returned: ${message}.`, {
      errors: [{ path, message }],
    }),
  );
}
