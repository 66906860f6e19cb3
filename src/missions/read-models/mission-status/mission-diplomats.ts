import type { JsonObject } from '../../../shared/json.js';
import type { DiplomaticRank } from '../../domain/diplomatic-rank.js';

export interface DiplomatView {
  readonly diplomatId: string;
  readonly name: string;
  readonly title: string;
  readonly role: string;
  /** As recorded at dispatch: stated, or read from the title (`inferredFromTitle`). */
  readonly rank: DiplomaticRank | null;
  readonly dispatchedOn: string;
  readonly expectedArrivalOn: string | null;
  readonly arrivedOn: string | null;
}

/**
 * A mission's diplomats, in dispatch order, read from its milestones (in revision order):
 * each DiplomatDispatched adds one, its DiplomatArrived sets the arrival, and a
 * MissionReestablished (a new lifecycle) starts again from none. `before` are the
 * diplomats of the milestones before these, when the caller already has them.
 */
export function diplomatsOf(
  milestones: readonly { readonly type: string; readonly data: JsonObject }[],
  before: readonly DiplomatView[] = [],
): DiplomatView[] {
  const diplomats = new Map(before.map((diplomat) => [diplomat.diplomatId, diplomat]));
  for (const { type, data } of milestones) {
    // A re-established mission starts again with nobody dispatched.
    if (type === 'MissionReestablished') diplomats.clear();
    const diplomatId = String(data.diplomatId);
    if (type === 'DiplomatDispatched') {
      // A diplomat dispatched again (never, by the rules) counts from the later dispatch.
      diplomats.delete(diplomatId);
      diplomats.set(diplomatId, {
        diplomatId,
        name: String(data.name),
        title: String(data.title),
        role: String(data.role),
        rank: rankOf(data.rank),
        dispatchedOn: String(data.dispatchedOn),
        expectedArrivalOn: optionalString(data.expectedArrivalOn),
        arrivedOn: null,
      });
    } else if (type === 'DiplomatArrived') {
      const diplomat = diplomats.get(diplomatId);
      if (diplomat) diplomats.set(diplomatId, { ...diplomat, arrivedOn: String(data.arrivedOn) });
    }
  }
  return [...diplomats.values()];
}

/** The event's rank (every dispatch has one at the current schema version). */
function rankOf(value: unknown): DiplomaticRank | null {
  if (typeof value !== 'object' || value === null) return null;
  const { grade, inferredFromTitle } = value as Record<string, unknown>;
  return {
    grade: typeof grade === 'string' ? (grade as DiplomaticRank['grade']) : null,
    inferredFromTitle: inferredFromTitle === true,
  };
}

function optionalString(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}
