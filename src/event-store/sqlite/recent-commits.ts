import type { JsonObject } from '../../shared/json.js';
import type { EventFilter, RecordedEvent } from '../event-store.port.js';

/** A row this process committed, as plain data (it crosses from the writer thread). */
export interface CommittedRow {
  readonly sequence: number;
  readonly id: string;
  readonly type: string;
  readonly stream: string;
  readonly revision: number;
  readonly position: RecordedEvent['position'];
  readonly data: string;
  readonly metadata: string;
  readonly recordedAt: string;
}

/** One committed event; its JSON is parsed once, by the first subscriber that takes it. */
export class CommittedEvent {
  private parsed: RecordedEvent | undefined;

  constructor(private readonly row: CommittedRow) {}

  get sequence(): number {
    return this.row.sequence;
  }

  get event(): RecordedEvent {
    if (this.parsed === undefined) {
      const { id, type, stream, revision, position, data, metadata, recordedAt } = this.row;
      this.parsed = {
        id,
        type,
        stream,
        revision,
        position,
        data: JSON.parse(data) as JsonObject,
        metadata: JSON.parse(metadata) as JsonObject,
        recordedAt,
        dataJson: data,
      };
    }
    return this.parsed;
  }
}

type Entry = CommittedEvent;

/**
 * The events this process committed last, in position order and without gaps, so live
 * subscriptions take them from memory instead of each re-reading and re-parsing every new
 * row (the service runs several subscribers: one per projection and the process manager).
 * Only a contiguous run is kept: an event whose position does not follow the last one
 * (another process wrote in between) starts the run again, and a subscriber whose
 * position is outside the run reads the file as before.
 */
export class RecentCommits {
  private entries: Entry[] = [];

  constructor(private readonly capacity = 4096) {}

  /** Events of one committed transaction, in position order. */
  add(committed: readonly Entry[]): void {
    for (const entry of committed) {
      const last = this.entries[this.entries.length - 1];
      if (last !== undefined && entry.sequence !== last.sequence + 1) this.entries = [];
      this.entries.push(entry);
    }
    if (this.entries.length > 2 * this.capacity) this.entries = this.entries.slice(-this.capacity);
  }

  /**
   * Up to `limit` events after sequence `after` that match the filter, and the sequence
   * read up to; undefined when the run does not reach back to `after` (read the file).
   * An empty answer with `upTo === after` means nothing newer is known here.
   */
  after(
    after: number,
    limit: number,
    filter: EventFilter | undefined,
  ): { events: RecordedEvent[]; upTo: number } | undefined {
    const first = this.entries[0];
    if (first === undefined || after + 1 < first.sequence) return undefined;
    const start = after + 1 - first.sequence;
    const slice = this.entries.slice(start, start + limit);
    if (slice.length === 0) return { events: [], upTo: after };
    const events: RecordedEvent[] = [];
    for (const entry of slice) {
      const event = entry.event;
      if (matches(event, filter)) events.push(event);
    }
    return { events, upTo: slice[slice.length - 1].sequence };
  }

  clear(): void {
    this.entries = [];
  }
}

/** The filter as the store's filtered query applies it (types, then stream prefixes). */
function matches(event: RecordedEvent, filter: EventFilter | undefined): boolean {
  if (!filter) return true;
  if (filter.eventTypes && !filter.eventTypes.includes(event.type)) return false;
  return !filter.streamPrefixes || filter.streamPrefixes.some((p) => event.stream.startsWith(p));
}
