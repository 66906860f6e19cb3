import { StreamNotFoundError } from '../../event-store/event-store.errors.js';
import type { EventStore, RecordedEvent } from '../../event-store/event-store.port.js';
import type { Position } from '../../event-store/position.js';
import type { VerifyReport } from '../verify/chain-report.js';
import { ChainVerifier } from '../verify/chain-verifier.js';
import { EventCopier } from './event-copier.js';

export interface MigrationOptions {
  /** Appends in flight (see EventCopier): above 1 only for an order-keeping target. */
  readonly maxInFlight: number;
  /** Told as the source is read: events done (copied or found already there), and where. */
  readonly onProgress?: (done: number, position: Position) => void;
  /** Told as the target is verified and compared. */
  readonly onVerifyProgress?: (checked: number, position: Position) => void;
}

/** The first place the target's log differs from the source's. */
export interface LogDifference {
  readonly index: number;
  readonly detail: string;
}

export interface MigrationReport {
  /** True when the target's log is the source's, event for event, and every chain verifies. */
  readonly ok: boolean;
  /** Events appended by this run. */
  readonly copied: number;
  /** Events found already in the target (copied by an interrupted run before). */
  readonly alreadyThere: number;
  /** The target's chains, re-computed. */
  readonly verify: VerifyReport;
  /** null when the target holds the source's events in the same order, with the same ids and hashes. */
  readonly difference: LogDifference | null;
  /** Events the source gained while the copy ran: run the migration again to copy them. */
  readonly sourceAhead: number;
}

/**
 * Copies every stream of one store into another (the embedded file to KurrentDB, or
 * back) in the source's commit order, keeping event ids, metadata and hashes.
 *
 * Resumable: it reads the target's head revision of each stream it meets and skips the
 * events already there, until the first one that is not; from there it appends
 * everything (appending an event id already there is a no-op, so an overlap is harmless).
 * A target whose log is not the start of the source's gets nothing: another store's events
 * would be mixed with the source's, and a log with a hole (an append that failed while later
 * ones landed) would stay in another order than the source's, which the comparison refuses. It ends by verifying the target's chains while
 * comparing its log with the source's, which names where they differ.
 */
export class StoreMigration {
  constructor(
    private readonly source: EventStore,
    private readonly target: EventStore,
  ) {}

  async run(options: MigrationOptions): Promise<MigrationReport> {
    const copier = new EventCopier(this.target, { maxInFlight: options.maxInFlight });
    const heads = new Map<string, number>();
    let resuming = true;
    let alreadyThere = 0;
    let done = 0;
    let last: Position | undefined;
    const events = (await this.targetStartsLikeSource()) ? this.source.readAll() : [];
    for await (const event of events) {
      done += 1;
      last = event.position;
      if (resuming) {
        let head = heads.get(event.stream);
        if (head === undefined) {
          head = await headRevisionOf(this.target, event.stream);
          heads.set(event.stream, head);
        }
        if (event.revision <= head) {
          alreadyThere += 1;
          if (done % 1000 === 0) options.onProgress?.(done, event.position);
          continue;
        }
        resuming = false;
        heads.clear();
      }
      await copier.add(event);
      if (done % 1000 === 0) options.onProgress?.(done, event.position);
    }
    await copier.finish();
    if (last !== undefined) options.onProgress?.(done, last);

    const comparison = new LogComparison(this.source);
    const { report } = await new ChainVerifier(this.target).verify({
      events: comparison.compare(this.target.readAll()),
      onProgress: options.onVerifyProgress,
    });
    return {
      ok: report.ok && comparison.difference === null,
      copied: copier.appended,
      alreadyThere,
      verify: report,
      difference: comparison.difference,
      sourceAhead: comparison.sourceAhead,
    };
  }

  /** Whether every event the target holds is the source's at the same place in its log. */
  private async targetStartsLikeSource(): Promise<boolean> {
    const source = this.source.readAll()[Symbol.asyncIterator]();
    try {
      for await (const copy of this.target.readAll()) {
        const original = await source.next();
        if (original.done || differenceOf(original.value, copy) !== undefined) return false;
      }
      return true;
    } finally {
      await source.return?.();
    }
  }
}

/** The revision of a stream's last event in a store; -1 when the stream does not exist. */
export async function headRevisionOf(store: EventStore, stream: string): Promise<number> {
  try {
    for await (const event of store.readStream(stream, {
      direction: 'backwards',
      fromRevision: 'end',
      maxCount: 1,
    })) {
      return event.revision;
    }
    return -1;
  } catch (error) {
    if (error instanceof StreamNotFoundError) return -1;
    throw error;
  }
}

/** Walks the source's log beside the target's and notes the first difference. */
class LogComparison {
  difference: LogDifference | null = null;
  sourceAhead = 0;

  constructor(private readonly source: EventStore) {}

  async *compare(target: AsyncIterable<RecordedEvent>): AsyncGenerator<RecordedEvent> {
    const source = this.source.readAll()[Symbol.asyncIterator]();
    let index = 0;
    try {
      for await (const copy of target) {
        const original = await source.next();
        if (this.difference === null) {
          const detail = original.done
            ? `the target has ${copy.stream}@${copy.revision} (${copy.id}), which the source does not`
            : differenceOf(original.value, copy);
          if (detail !== undefined) this.difference = { index, detail };
        }
        index += 1;
        yield copy;
      }
      for (let rest = await source.next(); !rest.done; rest = await source.next()) {
        this.sourceAhead += 1;
      }
    } finally {
      await source.return?.();
    }
  }
}

function differenceOf(original: RecordedEvent, copy: RecordedEvent): string | undefined {
  const fields = ['stream', 'revision', 'id', 'type'] as const;
  for (const field of fields) {
    if (original[field] !== copy[field]) {
      return `event ${original.stream}@${original.revision}: ${field} is ${JSON.stringify(copy[field])} in the target, ${JSON.stringify(original[field])} in the source`;
    }
  }
  if (original.metadata.hash !== copy.metadata.hash) {
    return `event ${original.stream}@${original.revision}: its hash differs between source and target`;
  }
  return undefined;
}
