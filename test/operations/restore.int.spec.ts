import { createHash } from 'node:crypto';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  backupEventStore,
  restoreEventStore,
  storeFileProblem,
  type RestoreSteps,
} from '../../src/operations/backup.js';
import {
  finishInterruptedRestore,
  RESTORE_COPY,
  SWAP_JOURNAL,
} from '../../src/operations/interrupted-restore.js';
import { missingEventLog } from '../../src/operations/missing-event-log.js';
import { openSqlite, seedStore, tempDir } from '../audit/audit-fixtures.js';

/** Every file under `dir` with a hash of its bytes: what a failed restore must leave as it was. */
function snapshot(dir: string, under = ''): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const name of readdirSync(join(dir, under)).sort()) {
    const path = join(under, name);
    if (statSync(join(dir, path)).isDirectory()) {
      entries[`${path}/`] = 'dir';
      Object.assign(entries, snapshot(dir, path));
    } else {
      entries[path] = createHash('sha256')
        .update(readFileSync(join(dir, path)))
        .digest('hex');
    }
  }
  return entries;
}

function eventsIn(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

const onDisk: RestoreSteps = {
  copy: (backup, partial) => {
    const source = new Database(backup, { readonly: true });
    try {
      source.prepare('VACUUM INTO ?').run(partial);
    } finally {
      source.close();
    }
  },
  rename: renameSync,
  checkCopy: storeFileProblem,
};

describe('Restoring a backup into DATA_DIR', () => {
  let dir: string;
  let cleanup: () => void;
  let dataDir: string;
  let backup: string;

  beforeEach(async () => {
    ({ dir, cleanup } = tempDir('envoy-restore-'));
    dataDir = join(dir, 'data');
    mkdirSync(dataDir);
    // The live store: 2 streams × 2 events, with derived files beside it.
    const live = openSqlite(join(dataDir, 'events.sqlite'));
    await seedStore(live, 2, 2);
    await live.close();
    writeFileSync(join(dataDir, 'checkpoints.sqlite'), 'checkpoints');
    mkdirSync(join(dataDir, 'read-models'));
    writeFileSync(join(dataDir, 'read-models', 'missions.sqlite'), 'missions');
    // The backup: another store, 3 streams × 4 events.
    const source = join(dir, 'source.sqlite');
    const store = openSqlite(source);
    await seedStore(store, 3, 4);
    await store.close();
    backup = join(dir, 'backup.sqlite');
    await backupEventStore(source, backup);
  });
  afterEach(() => cleanup());

  /**
   * Runs a restore that dies at its `n`th rename: returns a copy of DATA_DIR as the disk held
   * it then (the throw that stands for the kill lets the restore put things back in DATA_DIR
   * itself, which a kill would not).
   */
  function restoreKilledAtRename(n: number): string {
    const killed = join(dir, 'killed');
    let renames = 0;
    const dying: RestoreSteps = {
      ...onDisk,
      rename: (from, to) => {
        renames += 1;
        if (renames === n) {
          cpSync(dataDir, killed, { recursive: true });
          throw new Error('killed');
        }
        onDisk.rename(from, to);
      },
    };
    expect(() => restoreEventStore(backup, dataDir, dying)).toThrow(/killed/);
    return killed;
  }

  it('given a good backup, when restored, then it is the store and the old files are set aside', () => {
    const report = restoreEventStore(backup, dataDir);

    expect(report).toMatchObject({ events: 12, streams: 3, brokenStreams: [] });
    expect(eventsIn(join(dataDir, 'events.sqlite'))).toBe(12);
    expect(eventsIn(join(report.setAside!, 'events.sqlite'))).toBe(4);
    expect(existsSync(join(report.setAside!, 'read-models', 'missions.sqlite'))).toBe(true);
    expect(existsSync(join(dataDir, 'checkpoints.sqlite'))).toBe(false);
    expect(readdirSync(dataDir).filter((name) => name.includes('restoring'))).toEqual([]);
  });

  it('given the copy fails (disk full), when restoring, then DATA_DIR is as it was and says so', () => {
    const before = snapshot(dataDir);
    const diskFull: RestoreSteps = {
      ...onDisk,
      copy: (_backup, partial) => {
        writeFileSync(partial, '');
        throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
      },
    };

    expect(() => restoreEventStore(backup, dataDir, diskFull)).toThrow(
      /could not copy .*backup\.sqlite into .*: database or disk is full; nothing was changed/,
    );
    // The lock file is the restore's own, created on its first run: the store is untouched.
    const after = snapshot(dataDir);
    delete after['envoy-ledger.lock'];
    expect(after).toEqual(before);
    expect(eventsIn(join(dataDir, 'events.sqlite'))).toBe(4);
  });

  it('given the copy is damaged, when restoring, then it is removed and nothing is changed', () => {
    const before = snapshot(dataDir);
    const halfCopied: RestoreSteps = {
      ...onDisk,
      copy: (source, partial) => {
        onDisk.copy(source, partial);
        const db = new Database(partial);
        db.prepare('DELETE FROM events WHERE position > 6').run();
        db.close();
      },
    };

    expect(() => restoreEventStore(backup, dataDir, halfCopied)).toThrow(
      /the copy failed its check .*6 of 12 events.*; nothing was changed/,
    );
    const after = snapshot(dataDir);
    delete after['envoy-ledger.lock'];
    expect(after).toEqual(before);
  });

  it('given the swap fails midway, when restoring, then the files set aside are put back', () => {
    const before = snapshot(dataDir);
    let renames = 0;
    const refusesThird: RestoreSteps = {
      ...onDisk,
      rename: (from, to) => {
        renames += 1;
        if (renames === 3) throw new Error('EIO: i/o error, rename');
        onDisk.rename(from, to);
      },
    };

    expect(() => restoreEventStore(backup, dataDir, refusesThird)).toThrow(
      /could not put .*backup\.sqlite in place .*: EIO: i\/o error, rename; the files set aside were put back; nothing was changed/,
    );
    const after = snapshot(dataDir);
    delete after['envoy-ledger.lock'];
    expect(after).toEqual(before);
    expect(eventsIn(join(dataDir, 'events.sqlite'))).toBe(4);
  });

  it.each([1, 2, 3, 4])(
    'given the restore killed at rename %i of the swap, when the service next starts, then the swap is carried through',
    (killedAt) => {
      const killed = restoreKilledAtRename(killedAt);
      expect(existsSync(join(killed, SWAP_JOURNAL))).toBe(true);

      const said = finishInterruptedRestore(killed, onDisk);

      expect(said).toMatch(/^a restore was stopped while swapping files: it is finished now/);
      expect(eventsIn(join(killed, 'events.sqlite'))).toBe(12);
      for (const derived of ['checkpoints.sqlite', 'read-models', SWAP_JOURNAL, RESTORE_COPY]) {
        expect(existsSync(join(killed, derived))).toBe(false);
      }
      const [setAside] = readdirSync(killed).filter((name) => name.startsWith('pre-restore-'));
      expect(eventsIn(join(killed, setAside, 'events.sqlite'))).toBe(4);
      expect(readFileSync(join(killed, setAside, 'read-models', 'missions.sqlite'), 'utf8')).toBe(
        'missions',
      );
      expect(missingEventLog(killed)).toBeUndefined();
      expect(finishInterruptedRestore(killed, onDisk)).toBeUndefined();
    },
  );

  it('given the restore killed midway and its copy damaged since, when the service next starts, then the swap is undone', () => {
    const killed = restoreKilledAtRename(2);
    // Bytes of the copy lost to a power cut: it is no database any more.
    writeFileSync(join(killed, RESTORE_COPY), 'not a database');

    const said = finishInterruptedRestore(killed, onDisk);

    expect(said).toMatch(/its copy of the backup is damaged .*: the swap is undone/);
    expect(eventsIn(join(killed, 'events.sqlite'))).toBe(4);
    expect(readdirSync(killed).filter((name) => name.startsWith('pre-restore-'))).toEqual([]);
    expect(readFileSync(join(killed, 'checkpoints.sqlite'), 'utf8')).toBe('checkpoints');
    for (const left of [SWAP_JOURNAL, RESTORE_COPY]) {
      expect(existsSync(join(killed, left))).toBe(false);
    }
  });

  it('given a restore cut short, when another restore runs, then it first carries that one through and says so', () => {
    const killed = restoreKilledAtRename(2);

    const report = restoreEventStore(backup, killed, onDisk);

    expect(report.earlierRestore).toMatch(/^a restore was stopped while swapping files/);
    expect(eventsIn(join(killed, 'events.sqlite'))).toBe(12);
    expect(readdirSync(killed).filter((name) => name.startsWith('pre-restore-'))).toHaveLength(2);
  });

  it('given a cold copy of a store (its header in WAL mode), when restored, then it is the store', () => {
    const cold = join(dir, 'cold.sqlite');
    copyFileSync(join(dataDir, 'events.sqlite'), cold);
    const target = join(dir, 'other-data');

    const report = restoreEventStore(cold, target);

    expect(report).toMatchObject({ events: 4, brokenStreams: [] });
    expect(eventsIn(join(target, 'events.sqlite'))).toBe(4);
  });

  it('given no restore was cut short, when the service starts, then nothing is moved', () => {
    const before = snapshot(dataDir);
    expect(finishInterruptedRestore(dataDir, onDisk)).toBeUndefined();
    expect(snapshot(dataDir)).toEqual(before);
    expect(missingEventLog(dataDir)).toBeUndefined();
  });

  it('given events.sqlite gone but derived files left, then starting is refused, naming what is left', () => {
    renameSync(join(dataDir, 'events.sqlite'), join(dir, 'elsewhere.sqlite'));
    expect(missingEventLog(dataDir)).toMatch(
      /events\.sqlite is missing, but read-models, checkpoints\.sqlite derived from it are still in/,
    );
    expect(missingEventLog(join(dir, 'empty-dir'))).toBeUndefined();
  });

  it('given a backup with an event’s data damaged, when restored, then it is refused naming the stream', () => {
    const db = new Database(backup);
    db.prepare(
      `UPDATE events SET data = replace(data, ',"', ';"') WHERE stream = (SELECT stream FROM events WHERE position = 5) AND revision = 1`,
    ).run();
    const stream = (
      db.prepare('SELECT stream FROM events WHERE position = 5').get() as { stream: string }
    ).stream;
    db.close();
    const before = snapshot(dataDir);

    expect(() => restoreEventStore(backup, dataDir)).toThrow(
      new RegExp(
        `backup\\.sqlite failed its check \\(integrity: ok; broken streams: ${stream}\\); nothing was changed`,
      ),
    );
    expect(snapshot(dataDir)).toEqual(before);
  });

  describe('given a backup path that is not a backup', () => {
    let fresh: string;
    beforeEach(() => {
      fresh = join(dir, 'new-data-dir');
    });

    it.each([
      ['missing', () => join(dir, 'nope.sqlite'), /^no backup file at .*nope\.sqlite; nothing/],
      ['a directory', () => dir, /^the backup .* is a directory, not a backup file/],
      [
        'not SQLite',
        () => {
          const file = join(dir, 'notes.txt');
          writeFileSync(file, 'these are not the events you are looking for\n'.repeat(100));
          return file;
        },
        /^the backup .*notes\.txt is not a SQLite database \(file is not a database\)/,
      ],
      [
        'SQLite without events',
        () => {
          const file = join(dir, 'other.sqlite');
          const db = new Database(file);
          db.exec('CREATE TABLE things (x)');
          db.close();
          return file;
        },
        /^the backup .*other\.sqlite is a SQLite database without an events table/,
      ],
    ])(
      'when it is %s, then the message names it and DATA_DIR is not created',
      (_what, path, message) => {
        expect(() => restoreEventStore(path(), fresh)).toThrow(message);
        expect(existsSync(fresh)).toBe(false);
      },
    );
  });
});
