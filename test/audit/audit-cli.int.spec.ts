import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runAuditCli } from '../../src/audit/cli/audit-cli.js';
import { backupEventStore, verifyEventStoreFile } from '../../src/operations/backup.js';
import { appendChained, Captured, openSqlite, tempDir } from './audit-fixtures.js';

describe('The audit command line', () => {
  let dir: string;
  let cleanup: () => void;
  let file: string;

  beforeAll(async () => {
    ({ dir, cleanup } = tempDir());
    file = join(dir, 'events.sqlite');
    const store = openSqlite(file);
    const stream = 'mission-kr-cu-havana';
    await appendChained(
      store,
      stream,
      [
        {
          type: 'MissionPlanned',
          data: {
            missionId: 'kr-cu-havana',
            sendingState: 'KR',
            receivingState: 'CU',
            city: 'Havana',
            targets: { temporaryOfficeBy: '2024-06-30', embassyBy: null },
            source: null,
            plannedOn: '2024-06-12',
            agreedOn: '2024-06-12',
            occurredOn: '2024-06-12',
          },
        },
      ],
      '2024-06-12T10:00:00.000Z',
    );
    await appendChained(
      store,
      stream,
      [
        {
          type: 'DiplomatDispatched',
          data: {
            missionId: 'kr-cu-havana',
            diplomatId: 'd-1',
            name: 'Korean diplomat',
            title: 'First Secretary',
            role: 'head-of-office',
            dispatchedOn: '2024-06-10',
            expectedArrivalOn: null,
            occurredOn: '2024-06-10',
          },
        },
        {
          type: 'DiplomatArrived',
          data: {
            missionId: 'kr-cu-havana',
            diplomatId: 'd-1',
            arrivedOn: '2024-06-14',
            occurredOn: '2024-06-14',
          },
          metadata: { command: 'RecordArrival', idempotencyKey: 'arrival-d-1' },
        },
      ],
      '2024-06-14T09:00:00.000Z',
    );
    await appendChained(
      store,
      stream,
      [
        {
          type: 'TemporaryOfficeOpened',
          data: {
            missionId: 'kr-cu-havana',
            openedOn: '2024-06-28',
            address: null,
            occurredOn: '2024-06-28',
          },
        },
      ],
      '2024-12-01T09:00:00.000Z',
    );
    await store.close();
  });
  afterAll(() => cleanup());

  const cli = async (...argv: string[]) => {
    const io = { stdout: new Captured(), stderr: new Captured(), env: { DATA_DIR: dir } };
    const code = await runAuditCli(argv, io);
    return { code, stdout: io.stdout.text, stderr: io.stderr.text };
  };

  it('prints a mission’s history from the store named by DATA_DIR', async () => {
    const { code, stdout } = await cli('history', 'kr-cu-havana');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^mission-kr-cu-havana\n#0 MissionPlanned v1/);
    expect(stdout).toMatch(
      /#1 DiplomatDispatched v1→v2\n {2}occurred 2024-06-10, recorded 2024-06-14T09:00:00.000Z by test-staff \(staff\)/,
    );
    expect(stdout).toMatch(/\n {2}command Test, idempotency key —\n/);
    expect(stdout).toMatch(/\n {2}command RecordArrival, idempotency key "arrival-d-1"\n/);
    expect(stdout).toContain('"rank":{"grade":"first-secretary","inferredFromTitle":true}');
    const json = await cli('history', 'kr-cu-havana', '--json', '--from-revision', '2');
    const lines = json.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((e) => e.revision)).toEqual([2, 3]);
  });

  it('reads a mission id or a stream name in any ASCII case, and any stream by --stream alone', async () => {
    const shouted = await cli('history', 'KR-CU-Havana');
    expect(shouted.code).toBe(0);
    expect(shouted.stdout).toMatch(/^mission-kr-cu-havana\n#0 MissionPlanned/);
    const byStream = await cli('history', '--stream', 'MISSION-kr-cu-havana');
    expect(byStream.code).toBe(0);
    expect(byStream.stdout).toBe(shouted.stdout);
    // The Kelvin sign (U+212A), which JavaScript's toLowerCase turns into k, is no K.
    expect((await cli('history', '\u212Ar-cu-havana')).code).toBe(1);
    expect((await cli('history', '--stream', 'mission-\u212Ar-cu-havana')).code).toBe(1);
    const both = await cli('history', 'kr-cu-havana', '--stream', 'mission-kr-cu-havana');
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/not both/);
  });

  it('replays the mission as known at an instant, or as it stood on a date', async () => {
    const asOf = await cli(
      'replay',
      'kr-cu-havana',
      '--as-of',
      '2024-09-01T00:00:00Z',
      '--store',
      file,
    );
    expect(asOf.code).toBe(0);
    expect(JSON.parse(asOf.stdout)).toMatchObject({
      today: '2024-09-01',
      knownThrough: { revision: 2 },
      mission: { status: 'opening-team-on-post', overdue: ['temporary-office'] },
    });
    const occurred = await cli('replay', 'kr-cu-havana', '--occurred-by', '2024-09-01');
    expect(JSON.parse(occurred.stdout).mission).toMatchObject({
      status: 'temporary-office-open',
      overdue: [],
    });
    expect((await cli('replay', 'kr-cu-havana')).code).toBe(2);
    expect((await cli('replay', 'kr-cu-nowhere', '--revision', '0')).code).toBe(1);
  });

  it('refuses a replay in a time zone it does not know as a usage error, before opening the store', async () => {
    const io = {
      stdout: new Captured(),
      stderr: new Captured(),
      env: { DATA_DIR: join(dir, 'nowhere'), TIME_ZONE: 'Mars/Base' },
    };
    const code = await runAuditCli(['replay', 'kr-cu-havana', '--revision', '0'], io);
    expect({ code, stderr: io.stderr.text }).toEqual({
      code: 2,
      stderr: expect.stringMatching(/TIME_ZONE/),
    });
  });

  it('verifies, takes a digest, and checks the store against it later', async () => {
    const verified = await cli('verify');
    expect(verified).toMatchObject({ code: 0 });
    expect(verified.stdout).toMatch(/^OK: 4 events in 1 streams checked, 0 broken/);
    expect(verified.stderr).toMatch(/verify: 4 events in .*intact/);
    const oneStream = await cli('verify', '--stream', 'MISSION-KR-CU-Havana');
    expect(oneStream).toMatchObject({ code: 0 });
    expect(oneStream.stdout).toMatch(/^OK: 4 events in 1 streams checked/);

    const digestFile = join(dir, 'digest.json');
    expect((await cli('digest', '--out', digestFile)).code).toBe(0);
    const digest = JSON.parse(readFileSync(digestFile, 'utf8'));
    expect(digest).toMatchObject({ streams: 1, events: 4, verified: true });

    const db = new Database(file);
    db.prepare('DELETE FROM events WHERE revision = 3').run();
    db.close();
    expect((await cli('verify')).code).toBe(0);
    const anchored = await cli('verify', '--anchor', digestFile, '--json');
    expect(anchored.code).toBe(1);
    expect(JSON.parse(anchored.stdout)).toMatchObject({
      firstBad: { problem: 'truncated', revision: 3 },
      anchor: { streams: 1, confirmed: 0, notConfirmed: ['mission-kr-cu-havana'] },
    });
    expect((await cli('verify', '--anchor', digestFile)).stdout).toMatch(
      /^anchor: 0 of 1 anchored streams confirmed; not confirmed: mission-kr-cu-havana$/m,
    );

    // Heads copied from today's digest into the anchor, its published digest kept: refused.
    const todayFile = join(dir, 'today.json');
    expect((await cli('digest', '--out', todayFile)).code).toBe(0);
    const today = JSON.parse(readFileSync(todayFile, 'utf8'));
    const forgedFile = join(dir, 'forged.json');
    writeFileSync(forgedFile, JSON.stringify({ ...digest, heads: today.heads }));
    const forged = await cli('verify', '--anchor', forgedFile);
    expect(forged.code).toBe(2);
    expect(forged.stdout).toBe('');
    expect(forged.stderr).toMatch(
      /--anchor .*forged.json: the anchor's heads do not hash to its digest/,
    );
    const notDigest = await cli('verify', '--anchor', todayFile.replace('today', 'none'));
    expect(notDigest.code).toBe(2);
    // Today's digest as it was written is a consistent anchor: confirmed.
    const consistent = await cli('verify', '--anchor', todayFile);
    expect(consistent.code).toBe(0);
    expect(consistent.stdout).toMatch(/anchor: 1 of 1 anchored streams confirmed/);
  });

  it('given a backup with an event’s data damaged, when verified, listed or replayed, then it names the event and leaves the file as it was', async () => {
    const backup = join(dir, 'damaged-backup.sqlite');
    await backupEventStore(file, backup);
    const db = new Database(backup);
    const target = db.prepare('SELECT position, data FROM events WHERE revision = 1').get() as {
      position: number;
      data: string;
    };
    db.prepare('UPDATE events SET data = ? WHERE position = ?').run(
      target.data.replace(',"', ';"'),
      target.position,
    );
    db.close();
    const before = readFileSync(backup);

    const verified = await cli('verify', '--store', backup);

    expect(verified.code).toBe(1);
    expect(verified.stdout).toMatch(/^BROKEN: \d+ events in 1 streams checked, 1 broken/);
    expect(verified.stdout).toMatch(
      /mission-kr-cu-havana revision 1 \(position \w+\): hash-mismatch: the stored event cannot be read: its data is not valid JSON \(/,
    );
    const history = await cli('history', 'kr-cu-havana', '--store', backup);
    expect(history.code).toBe(0);
    expect(history.stdout).toMatch(
      /#1 DiplomatDispatched v1\n[^#]*\n {2}DAMAGED: its data is not valid JSON \(/,
    );
    expect(history.stdout).toContain('#2 DiplomatArrived');
    const replay = await cli('replay', 'kr-cu-havana', '--revision', '2', '--store', backup);
    expect(replay.code).not.toBe(0);
    expect(replay.stderr).toContain('mission-kr-cu-havana revision 1');
    const exported = join(dir, 'damaged-export.ndjson');
    const exporting = await cli('export', '--store', backup, '--out', exported);
    expect(exporting.code).not.toBe(0);
    expect(exporting.stderr).toContain('mission-kr-cu-havana revision 1');
    expect(existsSync(exported)).toBe(false);
    expect(existsSync(`${exported}.partial`)).toBe(false);
    // Only read: no -wal or -shm beside it, not a byte changed (its journal mode included).
    expect(existsSync(`${backup}-wal`)).toBe(false);
    expect(existsSync(`${backup}-shm`)).toBe(false);
    expect(readFileSync(backup).equals(before)).toBe(true);
    expect(verifyEventStoreFile(backup).brokenStreams).toEqual(['mission-kr-cu-havana']);
    expect(existsSync(`${backup}-wal`)).toBe(false);
  });

  it('reads the service’s own store (WAL) and leaves no -wal or -shm behind', async () => {
    expect(existsSync(`${file}-wal`)).toBe(false);
    expect((await cli('verify')).code).toBe(0);
    expect((await cli('export')).code).toBe(0);
    expect(existsSync(`${file}-wal`)).toBe(false);
    expect(existsSync(`${file}-shm`)).toBe(false);
  });

  it('explains its usage, and refuses what it does not know', async () => {
    expect((await cli('--help')).stdout).toMatch(/Usage: npm run audit -- <verb>/);
    const unknown = await cli('shred');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown verb "shred"/);
    expect((await cli('verify', '--bogus')).code).toBe(2);
    const missing = await cli('verify', '--store', join(dir, 'none.sqlite'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no event store at/);
  });
});
