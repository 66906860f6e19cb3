import { createHash } from 'node:crypto';
import type { StreamHead } from '../verify/chain-report.js';
import { digestOfHeads } from '../verify/store-digest.js';
import { jsonOfLine } from './exported-event.js';

/**
 * The last line of an export, `{"exportSummary":{...}}`: what the event lines before it
 * hold. An import checks the store it wrote against it, so a missing event (a stream's last
 * one, a whole stream) or a file cut short is refused. Nothing in it belongs to one store (no
 * position, no time): an export of an imported or migrated store ends with the same line.
 */
export interface ExportSummary {
  /** Event lines before it. */
  readonly events: number;
  readonly streams: number;
  /** The store digest of the streams' heads, as `GET /api/audit/digest` computes it. */
  readonly digest: string;
  /** SHA-256 (hex) over the event lines before it, each with its newline. */
  readonly linesSha256: string;
}

/** The summary line (no newline), keys in a fixed order. */
export function summaryLine(summary: ExportSummary): string {
  const { events, streams, digest, linesSha256 } = summary;
  return JSON.stringify({ exportSummary: { events, streams, digest, linesSha256 } });
}

/** Whether a line is an export's summary line, as an export writes it (`{"exportSummary":`…). */
export function isSummaryLine(text: string): boolean {
  return text.startsWith('{"exportSummary":');
}

/** A summary line read back; throws a message naming what is wrong. */
export function parseSummaryLine(text: string): ExportSummary {
  const s = (
    jsonOfLine(text) as { exportSummary?: Partial<Record<keyof ExportSummary, unknown>> } | null
  )?.exportSummary;
  const count = (n: unknown) => typeof n === 'number' && Number.isInteger(n) && n >= 0;
  const hex = (h: unknown) => typeof h === 'string' && /^[0-9a-f]{64}$/.test(h);
  if (!s || !count(s.events) || !count(s.streams) || !hex(s.digest) || !hex(s.linesSha256)) {
    throw new TypeError('an export summary is { events, streams, digest, linesSha256 }');
  }
  return {
    events: s.events as number,
    streams: s.streams as number,
    digest: s.digest as string,
    linesSha256: s.linesSha256 as string,
  };
}

/** An event line as the tally needs it. */
export interface TalliedEvent {
  readonly stream: string;
  readonly revision: number;
  readonly metadata: { readonly hash?: unknown };
}

/** Counts event lines as they are written or read, and gives their summary. */
export class ExportTally {
  private readonly sha = createHash('sha256');
  private readonly heads = new Map<string, StreamHead>();
  private count = 0;

  /** One event line (without its newline) and its event. */
  add(text: string, event: TalliedEvent): void {
    this.sha.update(`${text}\n`);
    this.count += 1;
    const hash = typeof event.metadata.hash === 'string' ? event.metadata.hash : null;
    this.heads.set(event.stream, { stream: event.stream, revision: event.revision, hash });
  }

  /** The SHA-256 of the lines so far; the tally takes no more lines after. */
  summary(): ExportSummary {
    return {
      events: this.count,
      streams: this.heads.size,
      digest: digestOfHeads([...this.heads.values()]),
      linesSha256: this.sha.digest('hex'),
    };
  }
}

/**
 * What an imported store (its events, streams and heads as verified) and the file's lines
 * differ in from the file's summary, in words; null when nothing does.
 */
export function summaryDifference(expected: ExportSummary, found: ExportSummary): string | null {
  if (found.events !== expected.events) {
    return `the summary line counts ${expected.events} events, the file holds ${found.events}: ${
      found.events < expected.events ? 'events are missing from it' : 'events were added to it'
    }`;
  }
  if (found.streams !== expected.streams) {
    return `the summary line counts ${expected.streams} streams, the file holds ${found.streams}`;
  }
  if (found.digest !== expected.digest) {
    return 'the streams’ heads do not hash to the summary line’s digest: a stream’s last event was removed or replaced';
  }
  if (found.linesSha256 !== expected.linesSha256) {
    return 'the event lines do not hash to the summary line’s linesSha256: a line was changed, or lines were moved';
  }
  return null;
}
