import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type {
  AppendResult as ClientAppendResult,
  AppendToStreamOptions,
  EventData,
} from '@kurrent/kurrentdb-client';
import { runMigrateCli } from '../../src/audit/cli/migrate-cli.js';
import { ndjsonExport } from '../../src/audit/export/ndjson-export.js';
import { StoreMigration } from '../../src/audit/migrate/store-migration.js';
import type { EventStore } from '../../src/event-store/event-store.port.js';
import { KurrentDbEventStore } from '../../src/event-store/kurrentdb/kurrentdb-event-store.js';
import { FakeKurrentDbClient, pos } from '../event-store/kurrentdb/fake-kurrentdb-client.js';
import {
  allEvents,
  appendChained,
  Captured,
  openSqlite,
  seedStore,
  tempDir,
} from './audit-fixtures.js';

/** The fake client, keeping what is appended: KurrentDB's append semantics, enough for a copy. */
class StoringKurrentDbClient extends FakeKurrentDbClient {
  override async appendToStream(
    stream: string,
    events: EventData[],
    options: AppendToStreamOptions,
  ): Promise<ClientAppendResult> {
    this.appends.push({ stream, events, options });
    const existing = this.log.filter((e) => e.streamId === stream);
    const known = new Set(existing.map((e) => e.id));
    if (events.every((e) => known.has(e.id))) {
      const last = existing.find((e) => e.id === events[events.length - 1].id)!;
      return { success: true, nextExpectedRevision: last.revision, position: last.position! };
    }
    const head = BigInt(existing.length - 1);
    const state = options.streamState;
    if (state === 'no_stream' ? head !== -1n : typeof state === 'bigint' && state !== head) {
      return { success: false, nextExpectedRevision: head, position: undefined as never };
    }
    events.forEach((event, i) => {
      this.log.push({
        streamId: stream,
        id: event.id,
        revision: head + 1n + BigInt(i),
        type: event.type,
        created: new Date(),
        data: event.data,
        metadata: event.metadata,
        position: pos(this.log.length + 1),
      });
    });
    return {
      success: true,
      nextExpectedRevision: head + BigInt(events.length),
      position: pos(this.log.length),
    };
  }
}

/** A target that stops answering after `limit` appends, like a connection lost mid-copy. */
function failingAfter(store: EventStore, limit: number): EventStore {
  let appends = 0;
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'append') {
        return (...args: Parameters<EventStore['append']>) => {
          appends += 1;
          if (appends > limit) return Promise.reject(new Error('connection lost'));
          return target.append(...args);
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

const comparable = (events: Awaited<ReturnType<typeof allEvents>>) =>
  events.map((e) => ({
    id: e.id,
    stream: e.stream,
    revision: e.revision,
    type: e.type,
    data: e.data,
    metadata: e.metadata,
  }));

describe('Migrating a store', () => {
  let dir: string;
  let cleanup: () => void;
  let sourceFile: string;
  let source: EventStore;

  beforeEach(async () => {
    ({ dir, cleanup } = tempDir());
    sourceFile = join(dir, 'source.sqlite');
    source = openSqlite(sourceFile);
    await seedStore(source, 5, 40);
  });
  afterEach(async () => {
    await source.close();
    cleanup();
  });

  it('copies every stream in order, keeping ids, metadata and hashes, and verifies the copy', async () => {
    const target = openSqlite(join(dir, 'target.sqlite'));
    const report = await new StoreMigration(source, target).run({ maxInFlight: 64 });
    expect(report).toMatchObject({
      ok: true,
      copied: 200,
      alreadyThere: 0,
      difference: null,
      sourceAhead: 0,
      verify: { ok: true, eventsChecked: 200, streamsChecked: 5 },
    });
    expect(comparable(await allEvents(target))).toEqual(comparable(await allEvents(source)));
    await target.close();
  });

  it('resumes an interrupted copy where the target stands', async () => {
    const target = openSqlite(join(dir, 'target.sqlite'));
    await expect(
      new StoreMigration(source, failingAfter(target, 37)).run({ maxInFlight: 1 }),
    ).rejects.toThrow(/connection lost/);
    const partial = await allEvents(target);
    expect(partial.length).toBeGreaterThan(0);
    expect(partial.length).toBeLessThan(200);

    const report = await new StoreMigration(source, target).run({ maxInFlight: 1 });
    expect(report).toMatchObject({
      ok: true,
      alreadyThere: partial.length,
      copied: 200 - partial.length,
    });
    expect(comparable(await allEvents(target))).toEqual(comparable(await allEvents(source)));

    const again = await new StoreMigration(source, target).run({ maxInFlight: 1 });
    expect(again).toMatchObject({ ok: true, copied: 0, alreadyThere: 200 });
    await target.close();
  });

  it('copies into KurrentDB (a stand-in client) one append at a time, keeping the order', async () => {
    const client = new StoringKurrentDbClient();
    const target = new KurrentDbEventStore(client);
    const report = await new StoreMigration(source, target).run({ maxInFlight: 1 });
    expect(report).toMatchObject({ ok: true, copied: 200, difference: null });
    expect(client.log.map((e) => e.id)).toEqual((await allEvents(source)).map((e) => e.id));
    expect(comparable(await allEvents(target))).toEqual(comparable(await allEvents(source)));
    // Its positions are KurrentDB's, its export (summary line included) is the source's.
    const exported = async (store: EventStore) => {
      let text = '';
      for await (const chunk of ndjsonExport(store)) text += chunk;
      return text;
    };
    const fromKurrent = await exported(target);
    expect(fromKurrent).toMatch(/\{"exportSummary":\{"events":200,"streams":5,/);
    expect(fromKurrent).toBe(await exported(source));

    // Interrupted and resumed against KurrentDB too.
    const second = new StoringKurrentDbClient();
    await expect(
      new StoreMigration(source, failingAfter(new KurrentDbEventStore(second), 50)).run({
        maxInFlight: 1,
      }),
    ).rejects.toThrow(/connection lost/);
    const resumed = await new StoreMigration(source, new KurrentDbEventStore(second)).run({
      maxInFlight: 1,
    });
    expect(resumed).toMatchObject({ ok: true, alreadyThere: 50 });
    expect(second.log.map((e) => e.id)).toEqual(client.log.map((e) => e.id));
  });

  it('copies nothing into a target that holds other events, and says where it differs from the source', async () => {
    const target = openSqlite(join(dir, 'target.sqlite'));
    await appendChained(target, 'mission-foreign', [{ type: 'Happened', data: {} }]);
    const report = await new StoreMigration(source, target).run({ maxInFlight: 8 });
    expect(report).toMatchObject({ ok: false, copied: 0, difference: { index: 0 } });
    expect(report.difference?.detail).toMatch(/stream is "mission-foreign" in the target/);
    expect((await allEvents(target)).map((e) => e.stream)).toEqual(['mission-foreign']);
    await target.close();
  });

  it('copies nothing into a target that holds the source’s events and then others', async () => {
    const target = openSqlite(join(dir, 'target.sqlite'));
    await new StoreMigration(source, failingAfter(target, 20))
      .run({ maxInFlight: 1 })
      .catch(() => {});
    await appendChained(target, 'mission-foreign', [{ type: 'Happened', data: {} }]);
    const held = (await allEvents(target)).length;
    const report = await new StoreMigration(source, target).run({ maxInFlight: 1 });
    expect(report).toMatchObject({ ok: false, copied: 0 });
    expect(await allEvents(target)).toHaveLength(held);
    await target.close();
  });

  it('reports events the source gained during the copy, and copies them on the next run', async () => {
    const target = openSqlite(join(dir, 'target.sqlite'));
    let reads = 0;
    // The service keeps writing: an event lands after the copy, before the comparison.
    const busySource = new Proxy(source, {
      get(store, property, receiver) {
        if (property === 'readAll') {
          return async function* () {
            reads += 1;
            if (reads === 2)
              await appendChained(store, 'mission-late', [{ type: 'Happened', data: {} }]);
            yield* store.readAll();
          };
        }
        const value: unknown = Reflect.get(store, property, receiver);
        return typeof value === 'function' ? value.bind(store) : value;
      },
    });
    const report = await new StoreMigration(busySource, target).run({ maxInFlight: 8 });
    expect(report).toMatchObject({ copied: 200, sourceAhead: 1, difference: null });
    const next = await new StoreMigration(source, target).run({ maxInFlight: 8 });
    expect(next).toMatchObject({ ok: true, copied: 1, alreadyThere: 200, sourceAhead: 0 });
    await target.close();
  });

  it('runs from the command line, SQLite to SQLite, and refuses the same store twice', async () => {
    await source.close();
    const io = { stdout: new Captured(), stderr: new Captured(), env: {} };
    const code = await runMigrateCli(['--from', sourceFile, '--to', join(dir, 'cli.sqlite')], io);
    expect(code).toBe(0);
    expect(io.stdout.text).toMatch(/200 events copied, 0 already there/);
    expect(io.stdout.text).toMatch(/OK: 200 events in 5 streams checked, 0 broken/);
    expect(io.stdout.text).toMatch(/same order, ids and hashes/);
    expect(io.stderr.text).toMatch(/migrate: 200 events/);
    // The new store is owner-only, as the service's files are, whatever the umask.
    expect(statSync(join(dir, 'cli.sqlite')).mode & 0o777).toBe(0o600);

    const same = { stdout: new Captured(), stderr: new Captured(), env: {} };
    expect(await runMigrateCli(['--from', sourceFile, '--to', sourceFile], same)).toBe(2);
    expect(same.stderr.text).toMatch(/same store/);
    source = openSqlite(sourceFile);
  });

  it('refuses a KurrentDB connection string the service would refuse, naming the option, before connecting', async () => {
    for (const [to, said] of [
      ['kurrentdb://localhost:2113?tsl=false', /^migrate: --to: unknown option "tsl"/m],
      ['kurrentdb://localhost:99999', /^migrate: --to: host 1 has port 99999/m],
      ['kurrentdb://admin:s3cret@localhost:2113?tls=maybe', /^migrate: Unexpected "maybe"/m],
    ] as const) {
      const io = { stdout: new Captured(), stderr: new Captured(), env: {} };
      expect(await runMigrateCli(['--from', sourceFile, '--to', to], io)).toBe(2);
      expect(io.stderr.text).toMatch(said);
      expect(io.stderr.text).not.toContain('s3cret');
    }
  });

  it('names a KurrentDB that cannot be reached, source or target, without its password', async () => {
    await source.close();
    // Nothing listens on port 1: the connection is refused at once.
    const down = 'kurrentdb://admin:s3cret@127.0.0.1:1?tls=false';
    for (const [argv, said] of [
      [
        ['--from', sourceFile, '--to', down],
        /^migrate: target store kurrentdb:\/\/…@127\.0\.0\.1:1\?tls=false: KurrentDB unavailable/m,
      ],
      [
        ['--from', down, '--to', join(dir, 'copy.sqlite')],
        /^migrate: source store kurrentdb:\/\/…@127\.0\.0\.1:1\?tls=false: KurrentDB unavailable/m,
      ],
    ] as const) {
      const io = { stdout: new Captured(), stderr: new Captured(), env: {} };
      expect(await runMigrateCli(argv, io)).toBe(1);
      expect(io.stderr.text).toMatch(said);
      expect(io.stderr.text).not.toContain('s3cret');
    }
    source = openSqlite(sourceFile);
  });

  it('given a source that cannot be reached, then it creates nothing where the target would be', async () => {
    const before = readdirSync(dir);
    const io = { stdout: new Captured(), stderr: new Captured(), env: {} };
    const argv = ['--from', 'kurrentdb://127.0.0.1:1?tls=false', '--to', join(dir, 'x.sqlite')];
    expect(await runMigrateCli(argv, io)).toBe(1);
    expect(io.stderr.text).toMatch(/^migrate: source store .*: KurrentDB unavailable/m);
    expect(readdirSync(dir)).toEqual(before);
  });

  it('names a target file it cannot create as the target store', async () => {
    const nowhere = join(dir, 'no-such-dir', 'x.sqlite');
    const io = { stdout: new Captured(), stderr: new Captured(), env: {} };
    expect(await runMigrateCli(['--from', sourceFile, '--to', nowhere], io)).toBe(1);
    expect(io.stderr.text).toMatch(
      new RegExp(`^migrate: target store ${nowhere} cannot be opened: ENOENT`, 'm'),
    );
  });
});
