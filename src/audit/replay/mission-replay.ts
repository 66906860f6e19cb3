import type { Calendar } from '../../command-handling/calendar.js';
import { DamagedEventError, StreamNotFoundError } from '../../event-store/event-store.errors.js';
import { MissionRules } from '../../missions/domain/mission.rules.js';
import { DomainRuleError } from '../../shared/domain-rule.error.js';
import type { EventStore } from '../../event-store/event-store.port.js';
import { toAuditEvent } from '../audit-event.js';
import { missionStream } from '../history/stream-history.js';
import {
  knownAt,
  replayMission,
  type MissionReplayView,
  type ReplayEvent,
  type ReplayPoint,
} from './replay-mission.js';

export type ReplayOutcome =
  | { readonly found: true; readonly view: MissionReplayView }
  | {
      readonly found: false;
      readonly reason: 'no-mission' | 'no-revision';
      readonly head?: number;
    };

/** Reads a mission's stream (upcast, as every reader sees it) and replays it at a point. */
export class MissionReplay {
  constructor(
    private readonly store: EventStore,
    private readonly calendar: Calendar,
  ) {}

  /** Refuses (422 date-in-the-future) a point after now: what the service will know is not known. */
  async replay(missionId: string, point: ReplayPoint): Promise<ReplayOutcome> {
    const now = new Date();
    if (point.asOf !== undefined && Date.parse(point.asOf) > now.getTime()) {
      throw inTheFuture(`asOf ${point.asOf} is after now (${now.toISOString()})`);
    }
    const today = this.calendar.today(now);
    if (point.occurredBy !== undefined && point.occurredBy > today) {
      throw inTheFuture(`occurredBy ${point.occurredBy} is after today (${today})`);
    }
    const stream = missionStream(missionId);
    const events: ReplayEvent[] = [];
    const damaged = new Map<number, string>();
    try {
      // A damaged event refuses the replay only when the replay reaches it.
      for await (const recorded of this.store.readStream(stream, { keepDamaged: true })) {
        const event = toAuditEvent(recorded);
        if (event.damaged !== undefined) damaged.set(event.revision, event.damaged);
        events.push({
          revision: event.revision,
          position: event.position,
          type: event.type,
          data: event.data,
          occurredOn: event.occurredOn,
          recordedAt: event.recordedAt,
        });
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return { found: false, reason: 'no-mission' };
      throw error;
    }
    const head = events[events.length - 1]?.revision ?? -1;
    if (point.revision !== undefined && point.revision > head) {
      return { found: false, reason: 'no-revision', head };
    }
    const reached = knownAt(events, point).find((event) => damaged.has(event.revision));
    if (reached !== undefined) {
      throw new DamagedEventError(
        stream,
        reached.revision,
        reached.position,
        damaged.get(reached.revision)!,
      );
    }
    return { found: true, view: replayMission(missionId, events, point, this.calendar) };
  }
}

function inTheFuture(what: string): DomainRuleError {
  return new DomainRuleError(
    MissionRules.dateInTheFuture,
    `${what}: a replay shows what the service knew, which it cannot know yet`,
    'unprocessable',
  );
}
