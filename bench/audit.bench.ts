/**
 * `npm run bench:audit`: the auditor's long runs on the embedded store, against the store's
 * own `readAll` in the same run, on this machine.
 *
 *   BENCH_EVENTS=100000   scale the run down (default 1,000,000; 20 events per mission)
 *
 * - verify: every hash chain re-computed (ChainVerifier, as `GET /api/audit/verify` and
 *   `npm run audit -- verify` run it), in events/s; target ≥ 50 % of the readAll rate.
 * - replay: one mission `asOf` a random instant of its history (MissionReplay, as
 *   `GET /api/missions/:id/replay` runs it), p50/p99 latency; target p99 ≤ 5 ms.
 * - export: the whole log as NDJSON to a file (ndjsonExport, as `GET /api/events/export`),
 *   in MB/s, with the process's RSS sampled throughout: it must stay flat.
 *
 * Prints a markdown table on stdout (progress on stderr); a report, not a test: exit 0.
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { chainLink } from '../src/audit/hash-chain.js';
import { ndjsonExport } from '../src/audit/export/ndjson-export.js';
import { missionStream } from '../src/audit/history/stream-history.js';
import { MissionReplay } from '../src/audit/replay/mission-replay.js';
import { Calendar } from '../src/command-handling/calendar.js';
import { ChainVerifier } from '../src/audit/verify/chain-verifier.js';
import { defaultVerifyThreads } from '../src/audit/verify/range-workers.js';
import type { EventToAppend } from '../src/event-store/event-store.port.js';
import { SqliteEventStore } from '../src/event-store/sqlite/sqlite-event-store.js';
import type { JsonObject } from '../src/shared/json.js';

const PER_MISSION = 20;
const ROUND = 5;
const REPLAYS = 2000;
const START_MS = Date.UTC(2024, 0, 1);

function log(message: string): void {
  process.stderr.write(`[bench:audit] ${message}\n`);
}

function parseEvents(value: string | undefined): number {
  if (value === undefined || value === '') return 1_000_000;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < PER_MISSION * 10) {
    throw new Error(`BENCH_EVENTS must be an integer ≥ ${PER_MISSION * 10}`);
  }
  return n;
}

/** The n-th event of a mission: plan, 8 dispatches, 8 arrivals, office, embassy, suspension. */
function missionEvent(missionId: string, revision: number): { type: string; data: JsonObject } {
  const on = (day: number) => new Date(START_MS + day * 86_400_000).toISOString().slice(0, 10);
  if (revision === 0) {
    return {
      type: 'MissionPlanned',
      data: {
        missionId,
        sendingState: 'KR',
        receivingState: 'CU',
        city: missionId,
        targets: { temporaryOfficeBy: on(40), embassyBy: on(200) },
        source: { meetingId: randomUUID(), outcomeId: randomUUID() },
        plannedOn: on(0),
        agreedOn: on(0),
        occurredOn: on(0),
      },
    };
  }
  if (revision <= 8) {
    return {
      type: 'DiplomatDispatched',
      data: {
        missionId,
        diplomatId: `${missionId}-d${revision}`,
        name: `Diplomat ${revision} of ${missionId}`,
        title: 'First Secretary',
        role: revision === 1 ? 'head-of-office' : 'staff',
        rank: { grade: 'first-secretary', inferredFromTitle: true },
        dispatchedOn: on(revision),
        expectedArrivalOn: null,
        occurredOn: on(revision),
      },
    };
  }
  if (revision <= 16) {
    const n = revision - 8;
    return {
      type: 'DiplomatArrived',
      data: {
        missionId,
        diplomatId: `${missionId}-d${n}`,
        arrivedOn: on(n + 10),
        occurredOn: on(n + 10),
      },
    };
  }
  if (revision === 17) {
    return {
      type: 'TemporaryOfficeOpened',
      data: { missionId, openedOn: on(30), address: 'Miramar Trade Center', occurredOn: on(30) },
    };
  }
  if (revision === 18) {
    return {
      type: 'EmbassyOpened',
      data: { missionId, openedOn: on(150), address: 'Calle 5ta, Miramar', occurredOn: on(150) },
    };
  }
  return {
    type: 'OperationsSuspended',
    data: { missionId, suspendedOn: on(300), reason: 'ordered departure', occurredOn: on(300) },
  };
}

interface Mission {
  readonly id: string;
  lastHash: string | null;
}

/** Writes `missions × PER_MISSION` chained events, a few revisions of every mission per round. */
async function populate(store: SqliteEventStore, missions: Mission[]): Promise<void> {
  let clock = START_MS;
  let written = 0;
  for (let from = 0; from < PER_MISSION; from += ROUND) {
    const appends: Promise<unknown>[] = [];
    for (const mission of missions) {
      const stream = missionStream(mission.id);
      const events: EventToAppend[] = [];
      for (let revision = from; revision < Math.min(from + ROUND, PER_MISSION); revision += 1) {
        const { type, data } = missionEvent(mission.id, revision);
        clock += 1000;
        const metadata = chainLink(
          {
            stream,
            revision,
            type,
            data,
            metadata: {
              recordedAt: new Date(clock).toISOString(),
              actor: `desk-officer-${revision % 7}`,
              actorRole: 'staff',
              correlationId: randomUUID(),
              causationId: `request:${randomUUID()}`,
              command: type,
              schemaVersion: type === 'DiplomatDispatched' ? 2 : 1,
            },
          },
          mission.lastHash,
        );
        mission.lastHash = metadata.hash as string;
        events.push({ id: randomUUID(), type, data, metadata });
      }
      appends.push(store.append(stream, events, from === 0 ? 'no-stream' : from - 1));
      if (appends.length >= 2000) {
        await Promise.all(appends.splice(0));
      }
      written += events.length;
    }
    await Promise.all(appends);
    log(`populated ${written.toLocaleString('en-US')} events`);
  }
}

async function timeReadAll(store: SqliteEventStore): Promise<{ count: number; ms: number }> {
  let count = 0;
  let touched = 0;
  const started = performance.now();
  for await (const event of store.readAll()) {
    count += 1;
    if (typeof event.metadata.hash === 'string') touched += 1;
  }
  const ms = performance.now() - started;
  if (touched !== count) throw new Error('an event without a hash');
  return { count, ms };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function mb(bytes: number): string {
  return (bytes / 1e6).toFixed(1);
}

async function main(): Promise<void> {
  const requested = parseEvents(process.env.BENCH_EVENTS);
  const missionCount = Math.floor(requested / PER_MISSION);
  const total = missionCount * PER_MISSION;
  const root = mkdtempSync(path.join(os.tmpdir(), 'envoy-bench-audit-'));
  const file = path.join(root, 'events.sqlite');
  const rows: string[] = [];
  try {
    const missions: Mission[] = Array.from({ length: missionCount }, (_, i) => ({
      id: `kr-cu-city${i}`,
      lastHash: null,
    }));
    log(
      `populating ${total.toLocaleString('en-US')} events (${missionCount} missions × ${PER_MISSION})`,
    );
    const writer = new SqliteEventStore({ file, durability: 'relaxed' });
    await populate(writer, missions);
    await writer.close();
    log(`store file: ${mb(statSync(file).size)} MB`);

    const store = new SqliteEventStore({ file, durability: 'relaxed' });
    try {
      // readAll, twice around verify: the better rate is the baseline (the stricter ratio).
      log('readAll (warm-up)');
      await timeReadAll(store);
      log('readAll');
      const readBefore = await timeReadAll(store);
      const verifyOnce = async (threads: number) => {
        const verifier = new ChainVerifier(store, {
          storeConfig: { kind: 'sqlite', file, durability: 'relaxed' },
        });
        const { report } = await verifier.verify({ threads });
        if (!report.ok || report.eventsChecked !== total) {
          throw new Error(
            `verify: ${JSON.stringify(report.firstBad)} after ${report.eventsChecked}`,
          );
        }
        return (total / report.durationMs) * 1000;
      };
      const threads = defaultVerifyThreads();
      log('verify, this thread only');
      const verifySingle = await verifyOnce(0);
      log(`verify, with ${threads} verifying thread(s)`);
      const verifyThreaded = threads > 0 ? await verifyOnce(threads) : verifySingle;
      log('readAll');
      const readAfter = await timeReadAll(store);
      const readRate = Math.max(total / readBefore.ms, total / readAfter.ms) * 1000;
      const verifyRate = Math.max(verifySingle, verifyThreaded);

      log(`replay asOf × ${REPLAYS}`);
      const replays = new MissionReplay(store, new Calendar('UTC'));
      const latencies: number[] = [];
      for (let i = 0; i < REPLAYS + 200; i += 1) {
        const mission = missions[Math.floor(Math.random() * missions.length)];
        // Any instant during the population: before, inside or after this mission's events.
        const asOf = new Date(START_MS + Math.floor(Math.random() * total) * 1000).toISOString();
        const started = performance.now();
        const outcome = await replays.replay(mission.id, { asOf });
        const ms = performance.now() - started;
        if (!outcome.found) throw new Error(`replay: no mission ${mission.id}`);
        if (i >= 200) latencies.push(ms);
      }
      latencies.sort((a, b) => a - b);
      const p50 = percentile(latencies, 50);
      const p99 = percentile(latencies, 99);

      log('export');
      const out = path.join(root, 'export.ndjson');
      const sink = createWriteStream(out);
      const rss: number[] = [];
      const sample = setInterval(() => rss.push(process.memoryUsage().rss), 50);
      const rssBefore = process.memoryUsage().rss;
      let bytes = 0;
      let lines = 0;
      const started = performance.now();
      for await (const chunk of ndjsonExport(store)) {
        bytes += Buffer.byteLength(chunk);
        if (!sink.write(chunk)) await once(sink, 'drain');
      }
      sink.end();
      await once(sink, 'finish');
      const exportMs = performance.now() - started;
      clearInterval(sample);
      lines = total;
      const peak = Math.max(rssBefore, ...rss);
      const half = rss.slice(0, Math.max(1, Math.floor(rss.length / 2)));
      const firstHalfPeak = Math.max(rssBefore, ...half);
      const exportMBs = bytes / 1e6 / (exportMs / 1000);
      const readMBs = (bytes / 1e6) * (readRate / total);

      rows.push(
        '| Measure | Ours | Baseline (same run) | Ratio | Target | Result |',
        '| --- | ---: | ---: | ---: | ---: | :---: |',
        `| verify ${total.toLocaleString('en-US')} events, this thread only | ${Math.round(verifySingle).toLocaleString('en-US')} events/s | readAll ${Math.round(readRate).toLocaleString('en-US')} events/s | ${(verifySingle / readRate).toFixed(2)}× | report | — |`,
        `| verify ${total.toLocaleString('en-US')} events, + ${threads} verifying thread${threads === 1 ? '' : 's'} (default) | ${Math.round(verifyThreaded).toLocaleString('en-US')} events/s | readAll ${Math.round(readRate).toLocaleString('en-US')} events/s | ${(verifyThreaded / readRate).toFixed(2)}× | report | — |`,
        `| **verify, best of the two** | ${Math.round(verifyRate).toLocaleString('en-US')} events/s | readAll ${Math.round(readRate).toLocaleString('en-US')} events/s | ${(verifyRate / readRate).toFixed(2)}× | ≥ 0.50× | ${verifyRate / readRate >= 0.5 ? 'PASS' : '**FAIL**'} |`,
        `| replay one mission asOf (${REPLAYS} random, ${PER_MISSION} events each) | p50 ${p50.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms | — | p99 / 5 ms = ${(p99 / 5).toFixed(2)} | p99 ≤ 5 ms | ${p99 <= 5 ? 'PASS' : '**FAIL**'} |`,
        `| export ${lines.toLocaleString('en-US')} events as NDJSON to a file (${mb(bytes)} MB) | ${exportMBs.toFixed(1)} MB/s | readAll ≈ ${readMBs.toFixed(1)} MB/s of NDJSON | ${(exportMBs / readMBs).toFixed(2)}× | report | — |`,
        `| export RSS (before → peak in first half → peak) | ${mb(rssBefore)} → ${mb(firstHalfPeak)} → ${mb(peak)} MB | before: ${mb(rssBefore)} MB | peak/before ${(peak / rssBefore).toFixed(2)}×, 2nd half/1st half ${(peak / firstHalfPeak).toFixed(2)}× | flat | ${peak / firstHalfPeak < 1.2 ? 'PASS' : '**FAIL**'} |`,
      );
    } finally {
      await store.close();
    }
  } finally {
    if (process.env.BENCH_KEEP) log(`kept ${file}`);
    else rmSync(root, { recursive: true, force: true });
  }
  const cpus = os.cpus();
  process.stdout.write(
    [
      '## Audit benchmark',
      '',
      `- Machine: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}`,
      `- ${total.toLocaleString('en-US')} chained mission events in the embedded store (${missionCount.toLocaleString('en-US')} missions × ${PER_MISSION}), ~600 bytes each with metadata`,
      '',
      ...rows,
      '',
    ].join('\n'),
  );
}

await main();
