import type { Calendar } from '../../command-handling/calendar.js';
import { StreamNotFoundError } from '../../event-store/event-store.errors.js';
import type { EventStore } from '../../event-store/event-store.port.js';
import { toAuditEvent } from '../audit-event.js';
import { missionStream } from '../history/stream-history.js';
import {
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

  async replay(missionId: string, point: ReplayPoint): Promise<ReplayOutcome> {
    const events: ReplayEvent[] = [];
    try {
      for await (const recorded of this.store.readStream(missionStream(missionId))) {
        const event = toAuditEvent(recorded);
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
    return { found: true, view: replayMission(missionId, events, point, this.calendar) };
  }
}
