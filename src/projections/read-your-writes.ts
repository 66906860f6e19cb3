import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port.js';
import { comparePositions, type Position } from '../event-store/position.js';
import { problem, ProblemException } from '../http/problem.js';
import { positionParameter } from '../http/queries/position-parameter.js';
import { CatchUpTimeoutError } from '../subscriptions/catch-up-waiters.js';
import { ProcessManagerRegistry } from '../subscriptions/process-manager-registry.js';
import { ProjectionsService } from './projections.service.js';

/** How long a read with minPosition waits before answering 504. */
const READ_YOUR_WRITES_TIMEOUT_MS = 5_000;

/**
 * `minPosition` on a read: wait until the process managers have handled that position,
 * then until the named projections have applied it and whatever the process managers
 * appended in response (a meeting's missions), within a bound.
 */
@Injectable()
export class ReadYourWrites {
  constructor(
    private readonly projections: ProjectionsService,
    private readonly processManagers: ProcessManagerRegistry,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async wait(minPosition: string | undefined, projectionNames: readonly string[]): Promise<void> {
    if (minPosition === undefined) return;
    const position = await positionParameter(minPosition, 'minPosition', this.store);
    const deadline = Date.now() + READ_YOUR_WRITES_TIMEOUT_MS;
    const remaining = () => Math.max(1, deadline - Date.now());
    try {
      const managers = this.processManagers.all();
      await Promise.all(managers.map((m) => m.whenCaughtUp(position, remaining())));
      const target = managers
        .map((m) => m.lastAppended)
        .reduce<Position>(
          (a, b) => (b !== undefined && comparePositions(b, a) > 0 ? b : a),
          position,
        );
      await Promise.all(
        projectionNames.map((name) => this.projections.whenCaughtUp(name, target, remaining())),
      );
    } catch (error) {
      if (!(error instanceof CatchUpTimeoutError)) throw error;
      throw new ProblemException(
        problem(
          'timeout',
          `The read models have not reached position ${position} within ${READ_YOUR_WRITES_TIMEOUT_MS} ms; retry shortly.`,
        ),
        { 'Retry-After': '1' },
      );
    }
  }
}
