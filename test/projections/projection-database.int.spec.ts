import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProjectionDatabase } from '../../src/projections/projection-database.js';
import { perEvent, type ProjectionDefinition } from '../../src/projections/projection.js';

const definition: ProjectionDefinition = {
  name: 'notes',
  version: 1,
  schema: 'CREATE TABLE IF NOT EXISTS notes (id TEXT PRIMARY KEY, at TEXT NOT NULL)',
  queryIndexes: 'CREATE INDEX IF NOT EXISTS notes_by_at ON notes (at)',
  bind: () => perEvent(() => []),
};

function indexes(database: ProjectionDatabase): string[] {
  return database.db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'")
    .pluck()
    .all() as string[];
}

describe('Projection database', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'envoy-projection-db-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('serves from a WAL file, synced at checkpoints, with its query indexes', () => {
    const database = new ProjectionDatabase(join(dir, 'notes.1.sqlite'), definition);
    expect(database.mode).toBe('serving');
    expect(database.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(database.db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    expect(indexes(database)).toEqual(['notes_by_at']);
    database.close();
  });

  describe('a generation built from zero beside the serving one', () => {
    it('is written without syncing, a WAL or query indexes until it serves', () => {
      const database = new ProjectionDatabase(join(dir, 'notes.2.sqlite'), definition, 'building');
      expect(database.db.pragma('journal_mode', { simple: true })).toBe('memory');
      expect(database.db.pragma('synchronous', { simple: true })).toBe(0); // OFF
      expect(indexes(database)).toEqual([]);
      database.db.prepare("INSERT INTO notes VALUES ('a', '2025-01-01')").run();

      expect(ProjectionDatabase.unfinished(database.file)).toBe(true);

      database.serve();
      expect(database.mode).toBe('serving');
      expect(database.db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(database.db.pragma('synchronous', { simple: true })).toBe(1);
      expect(indexes(database)).toEqual(['notes_by_at']);
      expect(ProjectionDatabase.unfinished(database.file)).toBe(false);
      expect(existsSync(`${database.file}.unfinished`)).toBe(false);
      database.close();

      const reopened = new ProjectionDatabase(join(dir, 'notes.2.sqlite'), definition);
      expect(reopened.db.prepare('SELECT id FROM notes').pluck().all()).toEqual(['a']);
      reopened.close();
    });

    it('rolls a failed batch back like a serving one', () => {
      const database = new ProjectionDatabase(join(dir, 'notes.3.sqlite'), definition, 'building');
      const insert = database.db.prepare('INSERT INTO notes VALUES (?, ?)');
      const batch = database.db.transaction(() => {
        insert.run('a', '2025-01-01');
        insert.run('a', '2025-01-02');
      });
      expect(() => batch()).toThrow(/UNIQUE/);
      expect(database.db.prepare('SELECT count(*) FROM notes').pluck().get()).toBe(0);
      database.close();
    });
  });

  it('fills the only generation from zero unsynced but with its query indexes, marked unfinished until it serves', () => {
    const database = new ProjectionDatabase(join(dir, 'notes.5.sqlite'), definition, 'filling');
    expect(database.db.pragma('journal_mode', { simple: true })).toBe('memory');
    expect(database.db.pragma('synchronous', { simple: true })).toBe(0);
    expect(indexes(database)).toEqual(['notes_by_at']);
    expect(ProjectionDatabase.unfinished(database.file)).toBe(true);
    database.serve();
    expect(database.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(ProjectionDatabase.unfinished(database.file)).toBe(false);
    database.close();
  });

  it('leaves the tables of a file of another version as they are: it is about to be discarded', () => {
    const old = new ProjectionDatabase(join(dir, 'notes.4.sqlite'), definition);
    old.close();
    const newer = new ProjectionDatabase(join(dir, 'notes.4.sqlite'), {
      ...definition,
      version: 2,
      queryIndexes: 'CREATE INDEX IF NOT EXISTS notes_by_id_at ON notes (id, at)',
    });
    expect(newer.version).toBe(1);
    expect(indexes(newer)).toEqual(['notes_by_at']);
    newer.close();
  });
});
