/**
 * `npm run bench:store`: the embedded SqliteEventStore against plain better-sqlite3
 * loops over the same schema and rows, in the same run, on this machine.
 *
 *   BENCH_EVENTS=20000  scale the run down (default 100000)
 *   BENCH_ONLY=full,relaxed,batch,read  run only some rows (for profiling)
 *
 * Prints a markdown table on stdout (progress goes to stderr) and exits 0 even when
 * a target is missed: it is a report, not a test.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { EventStore, RecordedEvent } from '../src/event-store/event-store.port.js';
import { SqliteEventStore, type Durability } from '../src/event-store/sqlite/sqlite-event-store.js';
import { interleavedRows, makePlan, type BenchPlan } from './bench-events.js';
import { rawInsertLoop, rawIterateAndParse, type Synchronous } from './raw-sqlite.js';

const STREAMS = 1000;
const WRITERS = 50;
const BATCH = 100;
const READ_REPEATS = 3;

type Scenario = 'full' | 'relaxed' | 'batch' | 'read';

interface Row {
  readonly scenario: string;
  readonly ours: number;
  readonly baselineName: string;
  readonly baseline: number;
  /** Minimum ours/baseline ratio; undefined when the row is reported only. */
  readonly target?: number;
}

function parseEvents(value: string | undefined): number {
  if (value === undefined || value === '') return 100_000;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < STREAMS) {
    throw new Error(`BENCH_EVENTS must be an integer ≥ ${STREAMS}, got ${JSON.stringify(value)}`);
  }
  return n;
}

function parseOnly(value: string | undefined): Set<Scenario> {
  const all: Scenario[] = ['full', 'relaxed', 'batch', 'read'];
  if (value === undefined || value === '') return new Set(all);
  const picked = value.split(',').map((s) => s.trim());
  for (const p of picked) {
    if (!all.includes(p as Scenario)) throw new Error(`BENCH_ONLY: unknown scenario ${p}`);
  }
  return new Set(picked as Scenario[]);
}

function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

function rate(events: number, ms: number): number {
  return (events / ms) * 1000;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/**
 * WRITERS concurrent writers; writer w owns the streams n with n % WRITERS === w and
 * cycles through them, appending `batch` events at a time with the expected revision
 * it tracks for each. Returns the elapsed milliseconds.
 */
async function concurrentAppends(
  store: EventStore,
  plan: BenchPlan,
  batch: number,
): Promise<number> {
  const perStream = plan.streams[0].length;
  const writer = async (w: number): Promise<void> => {
    const mine = plan.streams.map((_, n) => n).filter((n) => n % WRITERS === w);
    const revisions = mine.map(() => -1);
    for (let start = 0; start < perStream; start += batch) {
      for (let k = 0; k < mine.length; k++) {
        const n = mine[k];
        const events = plan.streams[n].slice(start, start + batch);
        const expected = revisions[k] < 0 ? 'no-stream' : revisions[k];
        const result = await store.append(plan.streamNames[n], events, expected);
        revisions[k] = result.nextRevision;
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
  return performance.now() - started;
}

async function storeAppendRun(
  file: string,
  durability: Durability,
  plan: BenchPlan,
  batch: number,
): Promise<number> {
  const store = new SqliteEventStore({ file, durability });
  try {
    const ms = await concurrentAppends(store, plan, batch);
    const head = await store.headPosition();
    const expectedHead = plan.total.toString(16).padStart(16, '0');
    if (!head.startsWith(expectedHead)) {
      throw new Error(`store holds ${head}, expected ${plan.total} events`);
    }
    return ms;
  } finally {
    await store.close();
  }
}

/** The same checksum the raw reader computes, so both sides parse and touch every event. */
function touch(event: RecordedEvent): number {
  const step = event.data.step;
  const version = event.metadata.schemaVersion;
  return (typeof step === 'number' ? step : 0) + (typeof version === 'number' ? version : 0);
}

async function timeReadAll(
  store: EventStore,
): Promise<{ count: number; ms: number; checksum: number }> {
  let count = 0;
  let checksum = 0;
  const started = performance.now();
  for await (const event of store.readAll()) {
    checksum += touch(event);
    count += 1;
  }
  return { count, ms: performance.now() - started, checksum };
}

async function timeCatchUp(
  store: EventStore,
  total: number,
): Promise<{ count: number; ms: number; checksum: number }> {
  let count = 0;
  let checksum = 0;
  const started = performance.now();
  const subscription = store.subscribeToAll();
  try {
    for await (const event of subscription) {
      checksum += touch(event);
      count += 1;
      if (count === total) break;
    }
  } finally {
    await subscription.close();
  }
  return { count, ms: performance.now() - started, checksum };
}

function formatRate(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

function renderTable(rows: readonly Row[]): string {
  const lines = [
    '| Scenario | Ours (events/s) | Baseline | Baseline (events/s) | Ratio | Target | Result |',
    '| --- | ---: | --- | ---: | ---: | ---: | :---: |',
  ];
  for (const row of rows) {
    const ratio = row.ours / row.baseline;
    const target = row.target === undefined ? 'report only' : `≥ ${row.target}×`;
    const result = row.target === undefined ? '—' : ratio >= row.target ? 'PASS' : '**FAIL**';
    lines.push(
      `| ${row.scenario} | ${formatRate(row.ours)} | ${row.baselineName} | ${formatRate(row.baseline)} | ${ratio.toFixed(2)}× | ${target} | ${result} |`,
    );
  }
  return lines.join('\n');
}

function machine(): string {
  const cpus = os.cpus();
  const db = new Database(':memory:');
  const sqlite = db.prepare<[], { v: string }>('SELECT sqlite_version() AS v').get()?.v ?? '?';
  db.close();
  return [
    `- Machine: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.platform()} ${os.release()}`,
    `- Node ${process.version}, SQLite ${sqlite}, temp dir ${os.tmpdir()}`,
  ].join('\n');
}

async function main(): Promise<void> {
  const requested = parseEvents(process.env.BENCH_EVENTS);
  const only = parseOnly(process.env.BENCH_ONLY);
  progress(`generating ${requested} events over ${STREAMS} streams`);
  const plan = makePlan(requested, STREAMS);
  const total = plan.total;
  const perStream = plan.streams[0].length;
  const batch = Math.min(BATCH, perStream);
  const singles = interleavedRows(plan, 1);
  const batches = interleavedRows(plan, batch);

  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'envoy-bench-'));
  const fileIn = (name: string): string => {
    const dir = fs.mkdtempSync(path.join(root, `${name}-`));
    return path.join(dir, 'events.db');
  };
  const rows: Row[] = [];
  let readFile: string | undefined;

  try {
    if (only.has('full')) {
      progress('raw loop, 1 row per transaction, synchronous=FULL');
      const rawMs = rawInsertLoop(fileIn('raw-full'), 'FULL', singles);
      progress(`store, 1 event per append, durability full, ${WRITERS} writers`);
      readFile = fileIn('store-full');
      const ms = await storeAppendRun(readFile, 'full', plan, 1);
      rows.push({
        scenario: `append 1 event/append, durability 'full', ${WRITERS} writers`,
        ours: rate(total, ms),
        baselineName: 'raw loop, 1 txn/event, synchronous=FULL',
        baseline: rate(total, rawMs),
        target: 3,
      });
    }

    if (only.has('relaxed')) {
      progress('raw loop, 1 row per transaction, synchronous=NORMAL');
      const rawMs = rawInsertLoop(fileIn('raw-normal'), 'NORMAL', singles);
      progress(`store, 1 event per append, durability relaxed, ${WRITERS} writers`);
      const file = fileIn('store-relaxed');
      const ms = await storeAppendRun(file, 'relaxed', plan, 1);
      readFile ??= file;
      rows.push({
        scenario: `append 1 event/append, durability 'relaxed', ${WRITERS} writers`,
        ours: rate(total, ms),
        baselineName: 'raw loop, 1 txn/event, synchronous=NORMAL',
        baseline: rate(total, rawMs),
        target: 0.5,
      });
    }

    if (only.has('batch')) {
      const sync: Synchronous = 'FULL';
      progress(`raw loop, ${batch} rows per transaction, synchronous=${sync}`);
      const rawMs = rawInsertLoop(fileIn('raw-batch'), sync, batches);
      progress(`store, ${batch} events per append, durability full, ${WRITERS} writers`);
      const file = fileIn('store-batch');
      const ms = await storeAppendRun(file, 'full', plan, batch);
      readFile ??= file;
      rows.push({
        scenario: `append ${batch} events/append, durability 'full', ${WRITERS} writers`,
        ours: rate(total, ms),
        baselineName: `raw loop, ${batch} rows/txn, synchronous=${sync}`,
        baseline: rate(total, rawMs),
      });
    }

    if (only.has('read')) {
      if (readFile === undefined) {
        progress('populating a store for the read rows (not measured)');
        readFile = fileIn('store-read');
        await storeAppendRun(readFile, 'relaxed', plan, batch);
      }
      const store = new SqliteEventStore({ file: readFile, durability: 'relaxed' });
      const raw: number[] = [];
      const ours: number[] = [];
      const catchUp: number[] = [];
      try {
        // One unmeasured pass of each warms the page cache and the JIT alike.
        for (let i = 0; i <= READ_REPEATS; i++) {
          progress(`reads, pass ${i}${i === 0 ? ' (warm-up)' : ''}`);
          const r = rawIterateAndParse(readFile);
          const a = await timeReadAll(store);
          const c = await timeCatchUp(store, total);
          for (const [name, m] of [
            ['raw', r],
            ['readAll', a],
            ['catch-up', c],
          ] as const) {
            if (m.count !== total || m.checksum !== r.checksum) {
              throw new Error(`${name} read ${m.count}/${total} events, checksum ${m.checksum}`);
            }
          }
          if (i === 0) continue;
          raw.push(rate(total, r.ms));
          ours.push(rate(total, a.ms));
          catchUp.push(rate(total, c.ms));
        }
      } finally {
        await store.close();
      }
      rows.push({
        scenario: 'readAll, JSON data + metadata parsed',
        ours: median(ours),
        baselineName: 'raw `.iterate()` + JSON.parse',
        baseline: median(raw),
        target: 0.7,
      });
      rows.push({
        scenario: 'subscribeToAll catch-up from start',
        ours: median(catchUp),
        baselineName: 'our readAll (row above)',
        baseline: median(ours),
        target: 0.8,
      });
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }

  const out = [
    '## Embedded event store benchmark',
    '',
    machine(),
    `- ${total.toLocaleString('en-US')} events over ${STREAMS} streams (\`bench-<n>\`), ${payloadSize(plan)} each; appends from ${WRITERS} concurrent writers, each with its own streams and tracked expected revision`,
    `- Reads: median of ${READ_REPEATS} passes after a warm-up, over the file the store wrote`,
    '',
    renderTable(rows),
    '',
  ];
  process.stdout.write(out.join('\n') + '\n');
  const failed = rows.filter((r) => r.target !== undefined && r.ours / r.baseline < r.target);
  if (failed.length > 0) {
    progress(`${failed.length} target(s) missed: ${failed.map((r) => r.scenario).join('; ')}`);
  }
}

function payloadSize(plan: BenchPlan): string {
  const event = plan.streams[0][0];
  const data = Buffer.byteLength(JSON.stringify(event.data));
  const metadata = Buffer.byteLength(JSON.stringify(event.metadata));
  return `~${data} bytes of JSON data + ~${metadata} of metadata (correlationId, causationId, actor…)`;
}

main().catch((error: unknown) => {
  process.stderr.write(`[bench] failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
