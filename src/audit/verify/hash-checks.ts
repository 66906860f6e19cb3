import type { RecordedEvent } from '../../event-store/event-store.port.js';
import { chainHash } from '../hash-chain.js';
import type { BadEvent } from './chain-report.js';

/** The hash recomputed from a stored event, or why none could be. */
export function recomputedHash(event: RecordedEvent): string {
  try {
    return chainHash(event);
  } catch (error) {
    return `unhashable: ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** A bad event, and where it is in the log (its position; '~' sorts after every position). */
export interface Finding {
  readonly at: string;
  readonly bad: BadEvent;
}

/** After every position: for what is missing at the end of a stream. */
export const AFTER_THE_LOG = '~';

/** The first bad event of each broken stream, kept by its place in the log. */
export class Findings {
  private readonly first = new Map<string, Finding>();

  note(at: string, bad: BadEvent): void {
    const current = this.first.get(bad.stream);
    if (!current || at < current.at) this.first.set(bad.stream, { at, bad });
  }

  /** Where in the log the stream's first bad event is; undefined for an intact stream. */
  firstAt(stream: string): string | undefined {
    return this.first.get(stream)?.at;
  }

  all(): Finding[] {
    return [...this.first.values()];
  }

  inLogOrder(): BadEvent[] {
    return this.all()
      .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
      .map(({ bad }) => bad);
  }
}
