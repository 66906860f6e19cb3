import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runAuditCli } from '../../src/audit/cli/audit-cli.js';
import { InstanceLock } from '../../src/operations/instance-lock.js';
import {
  importNdjson,
  linesOf,
  TargetNotEmptyError,
} from '../../src/audit/import/ndjson-import.js';
import { ndjsonExport } from '../../src/audit/export/ndjson-export.js';
import {
  allEvents,
  appendChained,
  Captured,
  openSqlite,
  seedStore,
  tempDir,
} from './audit-fixtures.js';

describe('Export and import', () => {
  let dir: string;
  let cleanup: () => void;
  let source: string;

  beforeEach(async () => {
    ({ dir, cleanup } = tempDir());
    source = join(dir, 'source.sqlite');
    const store = openSqlite(source);
    await seedStore(store, 4, 30);
    await store.close();
  });
  afterEach(() => cleanup());

  const cli = async (...argv: string[]) => {
    const io = { stdout: new Captured(), stderr: new Captured(), env: { DATA_DIR: dir } };
    const code = await runAuditCli(argv, io);
    return { code, stdout: io.stdout.text, stderr: io.stderr.text };
  };

  it('round-trips SQLite → NDJSON → SQLite → NDJSON byte for byte', async () => {
    const first = join(dir, 'first.ndjson');
    const copy = join(dir, 'copy.sqlite');
    const second = join(dir, 'second.ndjson');
    expect((await cli('export', '--store', source, '--out', first)).code).toBe(0);
    const imported = await cli('import', first, '--store', copy);
    expect(imported).toMatchObject({ code: 0 });
    expect(imported.stdout).toMatch(/^imported 120 events into .*copy.sqlite\n/);
    expect(imported.stdout).toMatch(/OK: 120 events in 4 streams checked, 0 broken/);
    expect((await cli('export', '--store', copy, '--out', second)).code).toBe(0);

    const a = readFileSync(first);
    const b = readFileSync(second);
    expect(a.length).toBeGreaterThan(120 * 200);
    expect(b.equals(a)).toBe(true);
    // 120 event lines and the summary line.
    const lines = a.toString('utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(121);
    expect(JSON.parse(lines[120]).exportSummary).toMatchObject({ events: 120, streams: 4 });

    // Same ids, same order, same metadata in both stores.
    const [original, copied] = [openSqlite(source), openSqlite(copy)];
    const strip = (e: Awaited<ReturnType<typeof allEvents>>[number]) => ({
      id: e.id,
      stream: e.stream,
      revision: e.revision,
      type: e.type,
      data: e.data,
      metadata: e.metadata,
    });
    expect((await allEvents(copied)).map(strip)).toEqual((await allEvents(original)).map(strip));
    await Promise.all([original.close(), copied.close()]);
  });

  it('creates the imported store, its WAL files and the export owner-only, as the service does', async () => {
    const file = join(dir, 'export.ndjson');
    const target = join(dir, 'owned.sqlite');
    const mode = (path: string) => statSync(path).mode & 0o777;
    const umask = process.umask(0o022);
    try {
      expect((await cli('export', '--store', source, '--out', file)).code).toBe(0);
      expect(mode(file)).toBe(0o600);
      expect((await cli('import', file, '--store', target)).code).toBe(0);
      expect(mode(target)).toBe(0o600);
      const store = openSqlite(target);
      await appendChained(store, 'mission-later', [{ type: 'Happened', data: {} }]);
      expect([mode(`${target}-wal`), mode(`${target}-shm`)]).toEqual([0o600, 0o600]);
      await store.close();
      // An empty store someone else created readable by all is replaced by an owner-only one.
      const empty = join(dir, 'empty.sqlite');
      writeFileSync(empty, '', { mode: 0o644 });
      expect(mode(empty)).toBe(0o644);
      expect((await cli('import', file, '--store', empty)).code).toBe(0);
      expect(mode(empty)).toBe(0o600);
      // An export or a digest written over a file readable by all leaves it owner-only.
      const earlier = join(dir, 'earlier.ndjson');
      const digest = join(dir, 'earlier-digest.json');
      writeFileSync(earlier, 'old', { mode: 0o644 });
      writeFileSync(digest, 'old', { mode: 0o644 });
      expect((await cli('export', '--store', source, '--out', earlier)).code).toBe(0);
      expect((await cli('digest', '--store', source, '--out', digest)).code).toBe(0);
      expect([mode(earlier), mode(digest)]).toEqual([0o600, 0o600]);
    } finally {
      process.umask(umask);
    }
  });

  it('exports to stdout as the API does, one event per line in commit order', async () => {
    const { code, stdout } = await cli('export', '--store', source);
    expect(code).toBe(0);
    const store = openSqlite(source);
    let api = '';
    for await (const chunk of ndjsonExport(store)) api += chunk;
    const events = await allEvents(store);
    await store.close();
    expect(stdout).toBe(api);
    const lines = stdout.trimEnd().split('\n');
    expect(lines.slice(0, -1).map((l) => JSON.parse(l).id)).toEqual(events.map((e) => e.id));
    expect(JSON.parse(lines[lines.length - 1])).toHaveProperty('exportSummary.events', 120);
  });

  it('imports only into an empty store', async () => {
    const file = join(dir, 'export.ndjson');
    await cli('export', '--store', source, '--out', file);
    const target = openSqlite(join(dir, 'busy.sqlite'));
    await appendChained(target, 'mission-already-here', [{ type: 'Happened', data: {} }]);
    await expect(importNdjson(linesOf(file), target, { maxInFlight: 8 })).rejects.toThrow(
      TargetNotEmptyError,
    );
    await target.close();
    const refused = await cli('import', file, '--store', join(dir, 'busy.sqlite'));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/not empty/);
  });

  it('imports an export that was edited, and says which event no longer matches its hash', async () => {
    const file = join(dir, 'export.ndjson');
    await cli('export', '--store', source, '--out', file);
    const lines = readFileSync(file, 'utf8').split('\n');
    lines[10] = lines[10].replace('"step":2', '"step":20');
    writeFileSync(file, lines.join('\n'));
    const edited = JSON.parse(lines[10]);
    const result = await cli('import', file, '--store', join(dir, 'edited.sqlite'));
    expect(result.code).toBe(1);
    // Nothing was imported, and stdout does not say otherwise.
    expect(result.stdout).not.toMatch(/imported/);
    expect(result.stdout).toMatch(/^BROKEN: 120 events in 4 streams checked, 1 broken/);
    expect(result.stdout).toContain(`${edited.stream} revision ${edited.revision}`);
    expect(result.stdout).toMatch(/hash-mismatch/);
    // A store that does not verify is not left behind.
    expect(result.stderr).toMatch(/nothing was imported; .*edited.sqlite is as it was/);
    expect(existsSync(join(dir, 'edited.sqlite'))).toBe(false);
  });

  it('names the line of a file that is not an export', async () => {
    const file = join(dir, 'bad.ndjson');
    writeFileSync(
      file,
      '{"stream":"s","revision":0,"id":"x","type":"T","data":{},"metadata":{}}\nnot json\n',
    );
    const result = await cli('import', file, '--store', join(dir, 'bad.sqlite'));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/line 2: not JSON/);
    expect(existsSync(join(dir, 'bad.sqlite'))).toBe(false);
  });

  it('refuses to import into the store of a running service', async () => {
    const file = join(dir, 'export.ndjson');
    await cli('export', '--store', source, '--out', file);
    const service = InstanceLock.acquire(dir, 'serving');
    try {
      const refused = await cli('import', file, '--store', join(dir, 'served.sqlite'));
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/is running on .*: stop it before importing/);
      expect(existsSync(join(dir, 'served.sqlite'))).toBe(false);
    } finally {
      service.release();
    }
  });

  it('leaves the target as it was when an import fails part-way, so a corrected file imports after', async () => {
    const file = join(dir, 'export.ndjson');
    await cli('export', '--store', source, '--out', file);
    const good = readFileSync(file, 'utf8');
    const lines = good.split('\n');
    const target = join(dir, 'retried.sqlite');
    for (const broken of [
      [...lines.slice(0, 20), '{"broken', ...lines.slice(20)],
      [...lines.slice(0, 30), ...lines.slice(31)],
    ]) {
      writeFileSync(file, broken.join('\n'));
      const failed = await cli('import', file, '--store', target);
      expect(failed.code).toBe(1);
      expect(failed.stderr).toMatch(/nothing was imported/);
      expect(readdirSync(dir).filter((f) => f.startsWith('retried.sqlite'))).toEqual([]);
    }
    writeFileSync(file, good);
    const imported = await cli('import', file, '--store', target);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/imported 120 events/);
    expect((await cli('verify', '--store', target)).code).toBe(0);
  });
});
