import { StreamNotFoundError } from '../../event-store/event-store.errors.js';
import type { EventStore } from '../../event-store/event-store.port.js';
import { toAuditEvent, type AuditEvent } from '../audit-event.js';

export interface HistoryPage {
  readonly stream: string;
  readonly events: readonly AuditEvent[];
  /** The `fromRevision` of the next page; null when this page reaches the stream's end. */
  readonly nextRevision: number | null;
}

export const MAX_HISTORY_PAGE = 1000;

/** Every event of one stream in order, a page at a time; a damaged one says so in place. */
export class StreamHistory {
  constructor(private readonly store: EventStore) {}

  /** undefined when the stream does not exist. */
  async page(stream: string, fromRevision = 0, limit = 100): Promise<HistoryPage | undefined> {
    const size = Math.max(1, Math.min(limit, MAX_HISTORY_PAGE));
    const events: AuditEvent[] = [];
    let more = false;
    try {
      for await (const recorded of this.store.readStream(stream, {
        fromRevision,
        maxCount: size + 1,
        keepDamaged: true,
      })) {
        if (events.length === size) {
          more = true;
          break;
        }
        events.push(toAuditEvent(recorded));
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return undefined;
      throw error;
    }
    const last = events[events.length - 1];
    return { stream, events, nextRevision: more && last ? last.revision + 1 : null };
  }
}

/** The stream a mission's events live in. */
export function missionStream(missionId: string): string {
  return `mission-${missionId}`;
}
