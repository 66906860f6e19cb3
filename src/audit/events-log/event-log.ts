import type { EventFilter, EventStore, RecordedEvent } from '../../event-store/event-store.port.js';
import { comparePositions, START, type Position } from '../../event-store/position.js';
import { recordedAtOf, toAuditEvent, type AuditEvent } from '../audit-event.js';

export interface EventLogQuery {
  /** Exclusive: the `next` of the previous page; START for the first. */
  readonly after?: Position;
  readonly limit?: number;
  /** Only events of these types. */
  readonly types?: readonly string[];
  /** Only this stream; a trailing `*` makes it a prefix (`mission-*`). */
  readonly stream?: string;
  /** Only events recorded by this actor (metadata `actor`). */
  readonly actor?: string;
  /** Only events recorded at or after this instant (ISO 8601). */
  readonly from?: string;
  /** Only events recorded at or before this instant (ISO 8601). */
  readonly to?: string;
}

export interface EventLogPage {
  readonly events: readonly AuditEvent[];
  /** Where the next page starts (`after`): the last event looked at, even when filtered out. */
  readonly next: Position;
  /** True when the page reached the end of the log as it stood. */
  readonly endOfLog: boolean;
  /** How many events were read to fill the page (filters that the store cannot apply cost reads). */
  readonly scanned: number;
}

export const MAX_LOG_PAGE = 1000;
/** A page stops after reading this many events, full or not, so one request stays short. */
const SCAN_BUDGET = 50_000;

/**
 * The global log in commit order, read page by page from the store (never the whole log in
 * memory). Type and stream-prefix filters go to the store; exact stream, actor and time
 * filters are applied here, within a scan budget per page.
 */
export class EventLog {
  constructor(
    private readonly store: EventStore,
    private readonly scanBudget = SCAN_BUDGET,
  ) {}

  async page(query: EventLogQuery): Promise<EventLogPage> {
    const limit = Math.max(1, Math.min(query.limit ?? 100, MAX_LOG_PAGE));
    const matches = matcherOf(query);
    const events: AuditEvent[] = [];
    let next = query.after ?? START;
    let scanned = 0;
    let endOfLog = true;
    // Read first: every event up to it is looked at when the page reaches the end of the log.
    const head = await this.store.headPosition();
    for await (const recorded of this.store.readAll({
      fromPosition: next,
      filter: storeFilterOf(query),
      keepDamaged: true,
    })) {
      scanned += 1;
      next = recorded.position;
      if (matches(recorded)) events.push(toAuditEvent(recorded));
      if (events.length === limit || scanned >= this.scanBudget) {
        endOfLog = false;
        break;
      }
    }
    // At the end, a filtered page moves `next` to the head it saw even when the store's filter
    // showed it nothing: the following page need not scan that stretch again.
    if (endOfLog && comparePositions(head, next) > 0) next = head;
    return { events, next, endOfLog, scanned };
  }
}

function storeFilterOf(query: EventLogQuery): EventFilter | undefined {
  const prefix = query.stream?.endsWith('*') ? query.stream.slice(0, -1) : query.stream;
  if (!query.types?.length && !prefix) return undefined;
  return {
    ...(query.types?.length ? { eventTypes: query.types } : {}),
    ...(prefix ? { streamPrefixes: [prefix] } : {}),
  };
}

function matcherOf(query: EventLogQuery): (event: RecordedEvent) => boolean {
  const exactStream = query.stream && !query.stream.endsWith('*') ? query.stream : undefined;
  const from = query.from === undefined ? undefined : new Date(query.from).toISOString();
  const to = query.to === undefined ? undefined : new Date(query.to).toISOString();
  return (event) => {
    if (exactStream !== undefined && event.stream !== exactStream) return false;
    if (query.actor !== undefined && event.metadata.actor !== query.actor) return false;
    if (from === undefined && to === undefined) return true;
    const recordedAt = new Date(recordedAtOf(event)).toISOString();
    return (from === undefined || recordedAt >= from) && (to === undefined || recordedAt <= to);
  };
}
