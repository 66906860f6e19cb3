import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { StoreConfig } from '../../config/config.js';
import type { EventStore } from '../../event-store/event-store.port.js';
import { START } from '../../event-store/position.js';
import { parseExportLine } from '../export/exported-event.js';
import { EventCopier } from '../migrate/event-copier.js';
import type { VerifyReport } from '../verify/chain-report.js';
import { ChainVerifier } from '../verify/chain-verifier.js';

export interface ImportOptions {
  /** How to open the target again, so verifying it can use several threads. */
  readonly storeConfig?: StoreConfig;
  /** Appends in flight (see EventCopier); 1 keeps the order on any store. */
  readonly maxInFlight: number;
  /** Told as events are appended. */
  readonly onProgress?: (imported: number) => void;
  /** Told as the imported store is verified. */
  readonly onVerifyProgress?: (checked: number) => void;
}

export interface ImportSummary {
  readonly imported: number;
  /** The imported store's chains, verified after the import. */
  readonly verify: VerifyReport;
}

/** A line of the file is not an exported event. */
export class ImportLineError extends Error {
  override readonly name = 'ImportLineError';
  constructor(
    readonly line: number,
    reason: string,
  ) {
    super(`line ${line}: ${reason}`);
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
 * metadata and hashes; then verifies every chain of what was imported.
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
  let number = 0;
  for await (const text of lines) {
    number += 1;
    if (text.trim() === '') continue;
    let event;
    try {
      event = parseExportLine(text);
    } catch (error) {
      throw new ImportLineError(number, error instanceof Error ? error.message : String(error));
    }
    await copier.add(event);
  }
  await copier.finish();
  const { report } = await new ChainVerifier(target, { storeConfig: options.storeConfig }).verify({
    onProgress: options.onVerifyProgress,
  });
  return { imported: copier.appended, verify: report };
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

/** How many lines a file has (a fast pass, for progress). */
export async function countLines(file: string): Promise<number> {
  let lines = 0;
  let last = 0x0a;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(0x0a); i !== -1; i = chunk.indexOf(0x0a, i + 1)) lines += 1;
    if (chunk.length > 0) last = chunk[chunk.length - 1];
  }
  return last === 0x0a ? lines : lines + 1;
}
