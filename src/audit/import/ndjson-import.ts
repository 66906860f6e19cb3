import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { StoreConfig } from '../../config/config.js';
import type { EventStore } from '../../event-store/event-store.port.js';
import { START } from '../../event-store/position.js';
import {
  ExportTally,
  isSummaryLine,
  parseSummaryLine,
  summaryDifference,
  type ExportSummary,
} from '../export/export-summary.js';
import { parseExportLine } from '../export/exported-event.js';
import { EventCopier } from '../migrate/event-copier.js';
import type { VerifyReport } from '../verify/chain-report.js';
import { ChainVerifier } from '../verify/chain-verifier.js';
import { digestOfHeads } from '../verify/store-digest.js';

export interface ImportOptions {
  /** How to open the target again, so verifying it can use several threads. */
  readonly storeConfig?: StoreConfig;
  /** Appends in flight (see EventCopier); 1 keeps the order on any store. */
  readonly maxInFlight: number;
  /** Told as events are appended. */
  readonly onProgress?: (imported: number) => void;
  /** Told as the imported store is verified. */
  readonly onVerifyProgress?: (checked: number) => void;
  /**
   * Import an export made before exports ended with a summary line (nothing then tells a
   * missing last event, a missing stream or a file cut short); otherwise one is refused.
   */
  readonly withoutSummary?: boolean;
}

export interface ImportSummary {
  readonly imported: number;
  /** The imported store's chains, verified after the import. */
  readonly verify: VerifyReport;
  /** The file's summary line; null for a file without one (imported `withoutSummary`). */
  readonly summary: ExportSummary | null;
  /** What the imported store and the file's lines differ in from its summary; null: nothing. */
  readonly incomplete: string | null;
}

/** True when the import is whole: every chain verifies and the file's summary matches. */
export function importSucceeded(summary: ImportSummary): boolean {
  return summary.verify.ok && summary.incomplete === null;
}

/** A line of the file is not an exported event. */
class ImportLineError extends Error {
  override readonly name = 'ImportLineError';
  constructor(
    readonly line: number,
    reason: string,
  ) {
    super(`line ${line}: ${reason}`);
  }
}

/** The file ends without the summary line every export ends with. */
class NoExportSummaryError extends Error {
  override readonly name = 'NoExportSummaryError';
  constructor() {
    super(
      'the file does not end with an export summary line: it was cut short, or made before exports had one (re-export it from its store; or import it as it is with --without-summary, which cannot tell whether events are missing from it)',
    );
  }
}

/** The target store already holds events: an import only goes into an empty store. */
export class TargetNotEmptyError extends Error {
  override readonly name = 'TargetNotEmptyError';
  constructor() {
    super('the target store is not empty: an import goes into an empty store only');
  }
}

/**
 * Imports an NDJSON export into an empty store, in the file's order, keeping ids,
 * metadata and hashes; then verifies every chain of what was imported and checks the
 * store and the file's lines against the file's summary line (events, streams, the digest
 * of the heads, the lines' SHA-256).
 */
export async function importNdjson(
  lines: AsyncIterable<string>,
  target: EventStore,
  options: ImportOptions,
): Promise<ImportSummary> {
  if ((await target.headPosition()) !== START) throw new TargetNotEmptyError();
  const copier = new EventCopier(target, {
    maxInFlight: options.maxInFlight,
    onAppended: options.onProgress,
  });
  const tally = new ExportTally();
  let summary: ExportSummary | null = null;
  let number = 0;
  for await (const text of lines) {
    number += 1;
    const kind = kindOfLine(text);
    if (kind === 'blank') continue;
    if (summary) throw new ImportLineError(number, 'a line after the export summary line');
    if (kind === 'summary') {
      summary = parsed(number, () => parseSummaryLine(text));
      continue;
    }
    const event = parsed(number, () => parseExportLine(text));
    tally.add(text, event);
    await copier.add(event);
  }
  await copier.finish();
  if (!summary && !options.withoutSummary) throw new NoExportSummaryError();
  const { report, heads } = await new ChainVerifier(target, {
    storeConfig: options.storeConfig,
  }).verify({ onProgress: options.onVerifyProgress });
  const incomplete =
    summary &&
    summaryDifference(summary, {
      events: report.eventsChecked,
      streams: heads.length,
      digest: digestOfHeads(heads),
      linesSha256: tally.summary().linesSha256,
    });
  return { imported: copier.appended, verify: report, summary, incomplete };
}

/** A line read back, or an ImportLineError naming it and what is wrong. */
function parsed<T>(number: number, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new ImportLineError(number, error instanceof Error ? error.message : String(error));
  }
}

/** The lines of a file, read as a stream once iterated. */
export async function* linesOf(file: string): AsyncGenerator<string> {
  const input = createReadStream(file, 'utf8');
  const lines = createInterface({ input, crlfDelay: Infinity });
  try {
    yield* lines;
  } finally {
    lines.close();
    input.destroy();
  }
}

/**
 * What an import takes a line of an export for: skipped (blank, whitespace only), the
 * summary line, or an event (read as one, and refused if it is not).
 */
function kindOfLine(text: string): 'blank' | 'summary' | 'event' {
  if (text.trim() === '') return 'blank';
  return isSummaryLine(text) ? 'summary' : 'event';
}

/**
 * How many events an export holds, for progress: the lines an import reads as events, split
 * and told apart as it does (so not blank or whitespace-only lines, whatever their line
 * ends, and not the summary line that ends a whole export; a file cut short has none).
 */
export async function countEvents(file: string): Promise<number> {
  let events = 0;
  for await (const text of linesOf(file)) {
    if (kindOfLine(text) === 'event') events += 1;
  }
  return events;
}
