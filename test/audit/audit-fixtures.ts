import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chainLink } from '../../src/audit/hash-chain.js';
import { headRevisionOf } from '../../src/audit/migrate/store-migration.js';
import type { EventStore, RecordedEvent } from '../../src/event-store/event-store.port.js';
import { StreamNotFoundError } from '../../src/event-store/event-store.errors.js';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store.js';
import type { JsonObject } from '../../src/shared/json.js';

/** A temp directory, removed by the returned cleanup. */
export function tempDir(prefix = 'envoy-audit-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function openSqlite(file: string): SqliteEventStore {
  return new SqliteEventStore({ file, durability: 'relaxed' });
}

export interface ChainedInput {
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata?: JsonObject;
}

/**
 * Appends events to a stream the way the service does: metadata with recordedAt, actor and
 * schema version, chained to the stream's last hash.
 */
export async function appendChained(
  store: EventStore,
  stream: string,
  events: readonly ChainedInput[],
  recordedAt = new Date().toISOString(),
): Promise<void> {
  const head = await headRevisionOf(store, stream);
  let prevHash = head < 0 ? null : await hashAt(store, stream, head);
  const toAppend = events.map((event, i) => {
    const metadata = chainLink(
      {
        stream,
        revision: head + 1 + i,
        type: event.type,
        data: event.data,
        metadata: {
          recordedAt,
          actor: 'test-staff',
          actorRole: 'staff',
          correlationId: randomUUID(),
          causationId: `request:${randomUUID()}`,
          command: 'Test',
          schemaVersion: 1,
          ...event.metadata,
        },
      },
      prevHash,
    );
    prevHash = metadata.hash as string;
    return { id: randomUUID(), type: event.type, data: event.data, metadata };
  });
  await store.append(stream, toAppend, head < 0 ? 'no-stream' : head);
}

async function hashAt(store: EventStore, stream: string, revision: number): Promise<string | null> {
  for await (const event of store.readStream(stream, { fromRevision: revision, maxCount: 1 })) {
    return typeof event.metadata.hash === 'string' ? event.metadata.hash : null;
  }
  return null;
}

/** `count` events spread over `streams` streams, interleaved as concurrent writers leave them. */
export async function seedStore(
  store: EventStore,
  streams: number,
  perStream: number,
): Promise<void> {
  for (let revision = 0; revision < perStream; revision += 1) {
    for (let n = 0; n < streams; n += 1) {
      await appendChained(store, `mission-xx-yy-city${n}`, [
        {
          type: 'Happened',
          data: {
            missionId: `xx-yy-city${n}`,
            step: revision,
            note: `Step ${revision} «über» 東京 ✓`,
            nested: { b: [1, 2.5, { z: null, a: true }], a: 'x' },
            occurredOn: '2024-06-12',
          },
        },
      ]);
    }
  }
}

export async function allEvents(store: EventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const event of store.readAll()) events.push(event);
  return events;
}

export async function streamEvents(store: EventStore, stream: string): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  try {
    for await (const event of store.readStream(stream)) events.push(event);
  } catch (error) {
    if (!(error instanceof StreamNotFoundError)) throw error;
  }
  return events;
}

/** A collecting stand-in for stdout/stderr. */
export class Captured {
  text = '';
  readonly isTTY = false;
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
  once(): this {
    return this;
  }
}
