import { randomUUID } from 'node:crypto';
import type { EventToAppend } from '../src/event-store/event-store.port.js';

/** The events of one benchmark run, grouped by stream: `streams[n][revision]`. */
export interface BenchPlan {
  readonly streamNames: readonly string[];
  readonly streams: readonly (readonly EventToAppend[])[];
  readonly total: number;
}

const STATES = ['FR', 'JP', 'BR', 'KE', 'NO', 'IN', 'CA', 'EG', 'MX', 'VN', 'AU', 'DE'];
const CAPITALS = ['Paris', 'Tokyo', 'Brasília', 'Nairobi', 'Oslo', 'New Delhi', 'Ottawa', 'Cairo'];
const TYPES = [
  'MissionProposed',
  'AgrementRequested',
  'AgrementGranted',
  'PremisesSecured',
  'CredentialsPresented',
  'MissionOpened',
];

/** A mission-workflow event: about 200 bytes of data, with the metadata a command carries. */
function benchEvent(streamIndex: number, revision: number, missionId: string): EventToAppend {
  const sending = STATES[streamIndex % STATES.length];
  const receiving = STATES[(streamIndex + 5) % STATES.length];
  return {
    id: randomUUID(),
    type: TYPES[revision % TYPES.length],
    data: {
      missionId,
      sendingState: sending,
      receivingState: receiving,
      capital: CAPITALS[streamIndex % CAPITALS.length],
      kind: streamIndex % 3 === 0 ? 'consulate' : 'embassy',
      step: revision,
      note: `Step ${revision} of the ${sending}/${receiving} workflow`,
      effectiveOn: '2025-06-01',
    },
    metadata: {
      correlationId: randomUUID(),
      causationId: randomUUID(),
      actor: `user:desk-officer-${streamIndex % 37}`,
      source: 'bench',
      schemaVersion: 1,
    },
  };
}

/** `total` events spread evenly over `streamCount` streams named `bench-<n>`. */
export function makePlan(total: number, streamCount: number): BenchPlan {
  const perStream = Math.max(1, Math.round(total / streamCount));
  const streamNames: string[] = [];
  const streams: EventToAppend[][] = [];
  for (let n = 0; n < streamCount; n++) {
    const missionId = randomUUID();
    streamNames.push(`bench-${n}`);
    const events: EventToAppend[] = [];
    for (let revision = 0; revision < perStream; revision++) {
      events.push(benchEvent(n, revision, missionId));
    }
    streams.push(events);
  }
  return { streamNames, streams, total: perStream * streamCount };
}

/** One row as both the store and the raw loops write it. */
export interface BenchRow {
  readonly stream: string;
  readonly revision: number;
  readonly event: EventToAppend;
}

/**
 * The rows in the order the concurrent writers roughly produce them: one event of
 * every stream, then the next one of every stream, and so on.
 */
export function interleavedRows(plan: BenchPlan, batch: number): BenchRow[][] {
  const perStream = plan.streams[0]?.length ?? 0;
  const groups: BenchRow[][] = [];
  for (let start = 0; start < perStream; start += batch) {
    plan.streams.forEach((events, n) => {
      const group = events.slice(start, start + batch).map((event, i) => ({
        stream: plan.streamNames[n],
        revision: start + i,
        event,
      }));
      groups.push(group);
    });
  }
  return groups;
}
