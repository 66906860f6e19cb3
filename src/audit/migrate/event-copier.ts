import type { EventStore, EventToAppend } from '../../event-store/event-store.port.js';
import type { ExportedEvent } from '../export/exported-event.js';

export interface CopierOptions {
  /**
   * Appends in flight at once. Above 1 only for a target that commits appends in the order
   * they were made (the embedded store's group commit does); 1 keeps the order anywhere.
   */
  readonly maxInFlight: number;
  /** Told after each append: events appended so far. */
  readonly onAppended?: (appended: number) => void;
}

/** Events of one stream appended together. */
const MAX_GROUP = 100;
/**
 * Bytes of data and metadata appended together: half of KurrentDB's default limit on one
 * append (1 MiB), so a group never meets it; an event larger than this goes alone.
 */
const MAX_GROUP_BYTES = 512 * 1024;

/**
 * Appends events to a target store in the order given, keeping each event's id, stream,
 * revision, data and metadata (hashes included): consecutive events of one stream go in
 * one append, with the expected revision the source had. Re-appending events already there
 * (same ids) changes nothing, which makes an interrupted copy safe to resume.
 */
export class EventCopier {
  private group: ExportedEvent[] = [];
  private groupBytes = 0;
  private readonly inFlight: Promise<void>[] = [];
  private failure: unknown;
  private count = 0;

  constructor(
    private readonly target: EventStore,
    private readonly options: CopierOptions,
  ) {}

  get appended(): number {
    return this.count;
  }

  async add(event: ExportedEvent): Promise<void> {
    const last = this.group[this.group.length - 1];
    const bytes = sizeOf(event);
    if (
      last &&
      (last.stream !== event.stream ||
        last.revision + 1 !== event.revision ||
        this.group.length >= MAX_GROUP ||
        this.groupBytes + bytes > MAX_GROUP_BYTES)
    ) {
      await this.flush();
    }
    this.group.push(event);
    this.groupBytes += bytes;
  }

  /** Appends what is left and waits for every append; throws the first failure. */
  async finish(): Promise<void> {
    await this.flush();
    await Promise.allSettled(this.inFlight);
    this.inFlight.length = 0;
    if (this.failure !== undefined) throw this.failure;
  }

  private async flush(): Promise<void> {
    if (this.failure !== undefined) throw this.failure;
    if (this.group.length === 0) return;
    const group = this.group;
    this.group = [];
    this.groupBytes = 0;
    const first = group[0];
    const events: EventToAppend[] = group.map(({ id, type, data, metadata }) => ({
      id,
      type,
      data,
      metadata,
    }));
    const expected = first.revision === 0 ? 'no-stream' : first.revision - 1;
    const append = this.target.append(first.stream, events, expected).then(
      () => {
        this.count += group.length;
        this.options.onAppended?.(this.count);
      },
      (error: unknown) => {
        this.failure ??= new CopyError(first, error);
      },
    );
    this.inFlight.push(append);
    while (this.inFlight.length >= this.options.maxInFlight) await this.inFlight.shift();
    if (this.failure !== undefined) throw this.failure;
  }
}

function sizeOf({ data, metadata }: ExportedEvent): number {
  return Buffer.byteLength(JSON.stringify(data)) + Buffer.byteLength(JSON.stringify(metadata));
}

/** An append the target refused or failed: which events, and why. */
class CopyError extends Error {
  override readonly name = 'CopyError';
  constructor(
    readonly at: Pick<ExportedEvent, 'stream' | 'revision' | 'id'>,
    override readonly cause: unknown,
  ) {
    super(
      `appending ${at.stream} from revision ${at.revision} (event ${at.id}) failed: ${
        cause instanceof Error ? cause.message : String(cause)
      }`,
    );
  }
}
