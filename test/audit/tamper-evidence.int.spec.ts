import { join } from 'node:path';
import Database from 'better-sqlite3';
import { chainHash } from '../../src/audit/hash-chain.js';
import { ChainVerifier } from '../../src/audit/verify/chain-verifier.js';
import { AnchorError, storeDigest } from '../../src/audit/verify/store-digest.js';
import type { JsonObject } from '../../src/shared/json.js';
import { appendChained, openSqlite, seedStore, tempDir } from './audit-fixtures.js';

const A = 'mission-xx-yy-city1';

interface Row {
  position: number;
  stream: string;
  revision: number;
  data: string;
  metadata: string;
  type: string;
}

/**
 * A store of 3 streams × 5 events, closed; `tamper` then edits the SQLite file directly,
 * as someone with access to the disk could, and the verifier reads it back.
 */
describe.each([
  ['in one stretch', {}],
  ['in three stretches joined', { stretchesFrom: 0, threads: 2 }],
])('Tamper evidence on the embedded store, verified %s', (_how, stretched) => {
  let dir: string;
  let cleanup: () => void;
  let file: string;

  beforeEach(async () => {
    ({ dir, cleanup } = tempDir());
    file = join(dir, 'events.sqlite');
    const store = openSqlite(file);
    await seedStore(store, 3, 5);
    await store.close();
  });
  afterEach(() => cleanup());

  function tamper(edit: (db: Database.Database) => void): void {
    const db = new Database(file);
    try {
      edit(db);
    } finally {
      db.close();
    }
  }

  function row(db: Database.Database, stream: string, revision: number): Row {
    return db
      .prepare('SELECT * FROM events WHERE stream = ? AND revision = ?')
      .get(stream, revision) as Row;
  }

  async function verify(options: Parameters<ChainVerifier['verify']>[0] = {}) {
    const store = openSqlite(file);
    const { threads, stretchesFrom } = stretched as { threads?: number; stretchesFrom?: number };
    try {
      return await new ChainVerifier(store, {
        storeConfig: { kind: 'sqlite', file, durability: 'relaxed' },
        ...(stretchesFrom !== undefined && { stretchesFrom }),
      }).verify({ ...options, ...(threads !== undefined && { threads }) });
    } finally {
      await store.close();
    }
  }

  it('verifies a clean store: every event and stream checked, nothing broken', async () => {
    const { report, heads } = await verify();
    expect(report).toMatchObject({
      ok: true,
      eventsChecked: 15,
      streamsChecked: 3,
      brokenStreams: 0,
      firstBad: null,
      broken: [],
    });
    expect(heads).toHaveLength(3);
  });

  it('detects data edited in place: the event’s hash no longer matches', async () => {
    let position = 0;
    tamper((db) => {
      const target = row(db, A, 2);
      position = target.position;
      const data = JSON.parse(target.data) as JsonObject;
      db.prepare('UPDATE events SET data = ? WHERE position = ?').run(
        JSON.stringify({ ...data, occurredOn: '2024-01-01' }),
        position,
      );
    });
    const { report } = await verify();
    expect(report).toMatchObject({
      ok: false,
      eventsChecked: 15,
      streamsChecked: 3,
      brokenStreams: 1,
    });
    expect(report.firstBad).toMatchObject({
      stream: A,
      revision: 2,
      problem: 'hash-mismatch',
      expected: expect.stringMatching(/^[0-9a-f]{64}$/),
      found: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(report.firstBad?.position).toBe(position.toString(16).padStart(16, '0').repeat(2));
    expect(report.firstBad?.expected).not.toBe(report.firstBad?.found);
  });

  it.each([['data'], ['metadata']] as const)(
    'given an event whose stored %s is damaged (not JSON any more), when verified, then it is a broken link at its stream and revision',
    async (column) => {
      let position = 0;
      tamper((db) => {
        const target = row(db, A, 2);
        position = target.position;
        // Bytes flipped on disk: a ',' between two properties became a ';'.
        const damaged = target[column].replace(',"', ';"');
        expect(damaged).not.toBe(target[column]);
        db.prepare(`UPDATE events SET ${column} = ? WHERE position = ?`).run(damaged, position);
      });
      const { report } = await verify();
      expect(report).toMatchObject({ ok: false, eventsChecked: 15, brokenStreams: 1 });
      expect(report.firstBad).toMatchObject({
        stream: A,
        revision: 2,
        position: position.toString(16).padStart(16, '0').repeat(2),
        problem: 'hash-mismatch',
        detail: expect.stringContaining(`its ${column} is not valid JSON`),
        found: null,
      });
      if (column === 'data') expect(report.firstBad?.expected).toMatch(/^[0-9a-f]{64}$/);
    },
  );

  it('detects an edit whose hash was recomputed too: the next event’s prevHash breaks', async () => {
    tamper((db) => {
      const target = row(db, A, 2);
      const metadata = JSON.parse(target.metadata) as JsonObject;
      const forged = { ...metadata, actor: 'someone-else' };
      const hash = chainHash({
        stream: A,
        revision: 2,
        type: target.type,
        data: JSON.parse(target.data) as JsonObject,
        metadata: forged,
      });
      db.prepare('UPDATE events SET metadata = ? WHERE position = ?').run(
        JSON.stringify({ ...forged, hash }),
        target.position,
      );
    });
    const { report } = await verify();
    expect(report.firstBad).toMatchObject({
      stream: A,
      revision: 3,
      problem: 'prev-hash-mismatch',
    });
  });

  it('detects a deleted event: the stream’s revisions skip one', async () => {
    tamper((db) => db.prepare('DELETE FROM events WHERE stream = ? AND revision = 1').run(A));
    const { report } = await verify();
    expect(report).toMatchObject({ ok: false, eventsChecked: 14, brokenStreams: 1 });
    expect(report.firstBad).toMatchObject({
      stream: A,
      revision: 2,
      problem: 'out-of-sequence',
      expected: 1,
      found: 2,
    });
    expect(report.firstBad?.detail).toMatch(/revision 1 is missing/);
  });

  it('detects two events whose revisions were swapped', async () => {
    tamper((db) => {
      const first = row(db, A, 1);
      const second = row(db, A, 2);
      const swap = db.prepare('UPDATE events SET revision = ? WHERE position = ?');
      db.transaction(() => {
        swap.run(-1, first.position);
        swap.run(1, second.position);
        swap.run(2, first.position);
      })();
    });
    const { report } = await verify();
    expect(report.brokenStreams).toBe(1);
    expect(report.firstBad).toMatchObject({
      stream: A,
      revision: 2,
      problem: 'out-of-sequence',
      expected: 1,
    });
  });

  it('detects events moved to another place in the log (positions swapped)', async () => {
    tamper((db) => {
      const first = row(db, A, 1);
      const later = row(db, A, 3);
      const move = db.prepare('UPDATE events SET position = ? WHERE position = ?');
      db.transaction(() => {
        move.run(-first.position, first.position);
        move.run(first.position, later.position);
        move.run(later.position, -first.position);
      })();
    });
    const { report } = await verify();
    expect(report.firstBad).toMatchObject({
      stream: A,
      revision: 3,
      problem: 'out-of-sequence',
      expected: 1,
      found: 3,
    });
  });

  it('does not see what no chain covers: an id, the order across streams, the commit time', async () => {
    // The README says so: none of these is hashed, and verify checks none of them.
    tamper((db) => {
      db.prepare('UPDATE events SET id = ? WHERE stream = ? AND revision = 2').run(
        '00000000-0000-4000-8000-000000000000',
        A,
      );
      db.prepare(
        "UPDATE events SET recorded_at = '1999-01-01T00:00:00.000Z' WHERE position = 7",
      ).run();
      // Positions 1 and 2 hold revision 0 of two different streams: each stream keeps its order.
      const [one, two] = [1, 2].map(
        (p) => db.prepare('SELECT stream FROM events WHERE position = ?').get(p) as Row,
      );
      expect(one.stream).not.toBe(two.stream);
      const move = db.prepare('UPDATE events SET position = ? WHERE position = ?');
      db.transaction(() => {
        move.run(-1, 1);
        move.run(1, 2);
        move.run(2, -1);
      })();
    });
    expect((await verify()).report).toMatchObject({ ok: true, brokenStreams: 0 });
  });

  it('detects the hashed recording time edited, beside the store’s own commit time', async () => {
    tamper((db) => {
      const r = row(db, A, 2);
      const metadata = {
        ...(JSON.parse(r.metadata) as JsonObject),
        recordedAt: '1999-01-01T00:00:00.000Z',
      };
      db.prepare('UPDATE events SET metadata = ? WHERE position = ?').run(
        JSON.stringify(metadata),
        r.position,
      );
    });
    expect((await verify()).report.firstBad).toMatchObject({
      stream: A,
      revision: 2,
      problem: 'hash-mismatch',
    });
  });

  it('reports the first bad event of each broken stream, in log order', async () => {
    tamper((db) => {
      db.prepare('DELETE FROM events WHERE stream = ? AND revision = 3').run('mission-xx-yy-city2');
      db.prepare("UPDATE events SET type = 'Forged' WHERE stream = ? AND revision = 1").run(A);
    });
    const { report } = await verify();
    expect(report.brokenStreams).toBe(2);
    expect(report.broken.map((b) => [b.stream, b.revision, b.problem])).toEqual([
      [A, 1, 'hash-mismatch'],
      ['mission-xx-yy-city2', 4, 'out-of-sequence'],
    ]);
  });

  it('verifies one stream on its own', async () => {
    tamper((db) => db.prepare('DELETE FROM events WHERE stream = ? AND revision = 1').run(A));
    expect((await verify({ stream: 'mission-xx-yy-city0' })).report).toMatchObject({
      ok: true,
      eventsChecked: 5,
      streamsChecked: 1,
    });
    expect((await verify({ stream: A })).report.firstBad).toMatchObject({ stream: A, revision: 2 });
  });

  describe('against an anchored digest', () => {
    it('detects a whole chain rewritten from an event on, which verifies on its own', async () => {
      const anchored = await verify();
      const digest = storeDigest(anchored.heads, anchored.report);
      tamper((db) => {
        // The attacker edits revision 2 and re-computes every hash after it.
        const rows = db
          .prepare('SELECT * FROM events WHERE stream = ? AND revision >= 2 ORDER BY revision')
          .all(A) as Row[];
        let prevHash = (JSON.parse(row(db, A, 1).metadata) as JsonObject).hash as string;
        for (const r of rows) {
          const data = JSON.parse(r.data) as JsonObject;
          const forgedData = r.revision === 2 ? { ...data, note: 'rewritten' } : data;
          const { hash: _old, ...rest } = JSON.parse(r.metadata) as JsonObject;
          const metadata = { ...rest, prevHash };
          const hash = chainHash({
            stream: A,
            revision: r.revision,
            type: r.type,
            data: forgedData,
            metadata,
          });
          db.prepare('UPDATE events SET data = ?, metadata = ? WHERE position = ?').run(
            JSON.stringify(forgedData),
            JSON.stringify({ ...metadata, hash }),
            r.position,
          );
          prevHash = hash;
        }
      });
      expect((await verify()).report.ok).toBe(true);
      const { report } = await verify({ anchor: digest });
      expect(report).toMatchObject({
        ok: false,
        anchor: { streams: 3, confirmed: 2, notConfirmed: [A] },
      });
      expect(report.firstBad).toMatchObject({ stream: A, revision: 4, problem: 'anchor-mismatch' });
      // The digest keeps heads only: the report does not claim the rewrite began at the head.
      expect(report.firstBad?.detail).toMatch(
        /revision 4, the stream's head when the digest was taken, .*this event or one before it was changed.*cannot tell which/,
      );
    });

    it('refuses an anchor whose heads were replaced and no longer hash to its digest', async () => {
      const anchored = await verify();
      const digest = storeDigest(anchored.heads, anchored.report);
      tamper((db) => db.prepare('DELETE FROM events WHERE stream = ? AND revision = 4').run(A));
      const now = await verify();
      // The forger copies today's heads into the anchor and keeps the digest that was published.
      const forged = { ...digest, heads: now.heads };
      await expect(verify({ anchor: forged })).rejects.toThrow(AnchorError);
      await expect(verify({ anchor: forged })).rejects.toThrow(/do not hash to its digest/);
      // Today's own digest, heads and digest together, is a consistent anchor and confirms.
      const today = storeDigest(now.heads, now.report);
      expect((await verify({ anchor: today })).report).toMatchObject({
        ok: true,
        anchor: { streams: 3, confirmed: 3 },
      });
    });

    it('detects events removed from the end of a stream', async () => {
      const anchored = await verify();
      const digest = storeDigest(anchored.heads, anchored.report);
      tamper((db) => db.prepare('DELETE FROM events WHERE stream = ? AND revision = 4').run(A));
      expect((await verify()).report.ok).toBe(true);
      const { report } = await verify({ anchor: digest });
      expect(report.firstBad).toMatchObject({
        stream: A,
        revision: 4,
        problem: 'truncated',
        expected: 4,
        found: 3,
      });
      expect(report.anchor).toEqual({ streams: 3, confirmed: 2, notConfirmed: [A] });
    });

    it.each([
      ['at its anchored head', 4],
      ['before its anchored head', 2],
    ])(
      'does not confirm a stream whose data was edited in place %s, though the head keeps its hash',
      async (_where, revision) => {
        const anchored = await verify();
        const digest = storeDigest(anchored.heads, anchored.report);
        tamper((db) => {
          const target = row(db, A, revision);
          const data = JSON.parse(target.data) as JsonObject;
          db.prepare('UPDATE events SET data = ? WHERE position = ?').run(
            JSON.stringify({ ...data, note: 'edited' }),
            target.position,
          );
        });
        const { report } = await verify({ anchor: digest });
        expect(report).toMatchObject({ ok: false, brokenStreams: 1 });
        expect(report.firstBad).toMatchObject({ stream: A, revision, problem: 'hash-mismatch' });
        expect(report.anchor).toEqual({ streams: 3, confirmed: 2, notConfirmed: [A] });
      },
    );

    it('confirms a stream broken only after its anchored head, and reports the break', async () => {
      const anchored = await verify();
      const digest = storeDigest(anchored.heads, anchored.report);
      const store = openSqlite(file);
      await appendChained(store, A, [{ type: 'Happened', data: { step: 5 } }]);
      await store.close();
      tamper((db) => {
        const target = row(db, A, 5);
        db.prepare('UPDATE events SET data = ? WHERE position = ?').run(
          JSON.stringify({ step: 6 }),
          target.position,
        );
      });
      const { report } = await verify({ anchor: digest });
      expect(report.firstBad).toMatchObject({ stream: A, revision: 5, problem: 'hash-mismatch' });
      expect(report.anchor).toEqual({ streams: 3, confirmed: 3, notConfirmed: [] });
    });

    it('confirms a store that only grew since', async () => {
      const anchored = await verify();
      const digest = storeDigest(anchored.heads, anchored.report);
      const store = openSqlite(file);
      await appendChained(store, A, [{ type: 'Happened', data: { step: 5 } }]);
      await appendChained(store, 'mission-new', [{ type: 'Happened', data: { step: 0 } }]);
      await store.close();
      const { report } = await verify({ anchor: digest });
      expect(report).toMatchObject({
        ok: true,
        eventsChecked: 17,
        anchor: { streams: 3, confirmed: 3 },
      });
    });
  });
});
