import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { StoreConfig } from '../../config/config.js';
import type { Position } from '../../event-store/position.js';
import type { StreamHead } from './chain-report.js';
import type { RangeResult } from './verify-range.js';

/** What a verifying thread is asked: open the store itself and verify (after, until]. */
export interface RangeRequest {
  readonly config: StoreConfig;
  readonly after: Position;
  readonly until: Position;
  readonly anchor: readonly StreamHead[] | null;
}

export type RangeMessage =
  { readonly progress: number } | { readonly result: RangeResult } | { readonly error: string };

/** Threads each verifying one stretch of the log through their own connection to the store. */
export class RangeWorkers {
  private readonly progress: number[];
  private readonly running: readonly Promise<RangeResult>[];

  private constructor(private readonly workers: readonly Worker[]) {
    this.progress = workers.map(() => 0);
    this.running = workers.map((worker, i) => this.resultOf(worker, i));
    // Awaited in results(); never an unhandled rejection when the caller fails first.
    for (const run of this.running) run.catch(() => undefined);
  }

  /** undefined when the compiled worker script is not there (running from TypeScript sources). */
  static start(requests: readonly RangeRequest[]): RangeWorkers | undefined {
    const script = new URL('./verify-worker.js', import.meta.url);
    if (script.protocol !== 'file:' || !existsSync(fileURLToPath(script))) return undefined;
    return new RangeWorkers(requests.map((request) => new Worker(script, { workerData: request })));
  }

  /** Events checked so far by every thread. */
  get checked(): number {
    return this.progress.reduce((sum, n) => sum + n, 0);
  }

  results(): Promise<RangeResult[]> {
    return Promise.all(this.running);
  }

  /** Stops threads still running (after a failure elsewhere). */
  async stop(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private resultOf(worker: Worker, index: number): Promise<RangeResult> {
    return new Promise((resolve, reject) => {
      let settled = false;
      worker.on('message', (message: RangeMessage) => {
        if ('progress' in message) {
          this.progress[index] = message.progress;
          return;
        }
        settled = true;
        if ('result' in message) resolve(message.result);
        else reject(new Error(`a verifying thread failed: ${message.error}`));
      });
      worker.once('error', (error) => {
        settled = true;
        reject(error);
      });
      worker.once('exit', (code) => {
        if (!settled) reject(new Error(`a verifying thread exited with code ${code}`));
      });
    });
  }
}

/** One thread per spare core, at most 3, beside the calling thread. */
export function defaultVerifyThreads(): number {
  return Math.max(0, Math.min(3, availableParallelism() - 1));
}
