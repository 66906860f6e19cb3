import type { EventStore } from '../../event-store/event-store.port.js';
import type { Position } from '../../event-store/position.js';
import { ExportTally, summaryLine } from './export-summary.js';
import { exportLine } from './exported-event.js';

export const NDJSON_CONTENT_TYPE = 'application/x-ndjson';

/** Bytes gathered before a chunk is handed on: few writes, small buffers. */
const CHUNK_BYTES = 64 * 1024;

export interface ExportProgress {
  /** Told after each chunk: events written so far, and where in the log. */
  readonly onProgress?: (events: number, position: Position) => void;
}

/**
 * The whole log as NDJSON, one event per line, in commit order, as chunks of about 64 KiB,
 * ending with the summary line an import checks (see ExportSummary).
 * Pulled: the next page is read from the store only when the consumer wants more, so
 * memory stays flat however large the log.
 */
export async function* ndjsonExport(
  store: EventStore,
  options: ExportProgress = {},
): AsyncGenerator<string> {
  let chunk = '';
  let events = 0;
  let last: Position | undefined;
  const tally = new ExportTally();
  for await (const event of store.readAll()) {
    const line = exportLine(event);
    tally.add(line, event);
    chunk += `${line}\n`;
    events += 1;
    last = event.position;
    if (chunk.length >= CHUNK_BYTES) {
      yield chunk;
      chunk = '';
      options.onProgress?.(events, event.position);
    }
  }
  yield `${chunk}${summaryLine(tally.summary())}\n`;
  if (last !== undefined) options.onProgress?.(events, last);
}
