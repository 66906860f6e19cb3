import { parentPort, workerData } from 'node:worker_threads';
import { openEventStore } from '../../event-store/open-event-store.js';
import type { RangeMessage, RangeRequest } from './range-workers.js';
import { verifyRange } from './verify-range.js';

/** A verifying thread: its own connection to the store, one stretch of the log. */
async function run(request: RangeRequest): Promise<RangeMessage> {
  const store = await openEventStore(request.config, { writerThread: false });
  try {
    const result = await verifyRange(
      store.readAll({ fromPosition: request.after, keepDamaged: true }),
      {
        startsLog: false,
        until: request.until,
        anchor: request.anchor ? new Map(request.anchor.map((h) => [h.stream, h])) : undefined,
        onProgress: (checked) => {
          if (checked % 20_000 === 0) parentPort?.postMessage({ progress: checked });
        },
      },
    );
    return { result };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  } finally {
    await store.close();
  }
}

parentPort?.postMessage(await run(workerData as RangeRequest));
