import { chmodSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { chainHash } from '../audit/hash-chain.js';
import { openForReading } from '../event-store/sqlite/open-for-reading.js';
import { parseJsonObject } from '../shared/json.js';
import { messageOf } from '../shared/message-of.js';
import { createDirectories } from './create-directories.js';
import { InstanceLock } from './instance-lock.js';
import {
  beginSwap,
  endSwap,
  finishInterruptedRestore,
  putBack,
  removeCopy,
  REPLACED,
  RESTORE_COPY,
  syncFile,
  type SwapSteps,
} from './interrupted-restore.js';

export interface StoreFileReport {
  readonly file: string;
  readonly bytes: number;
  readonly events: number;
  readonly streams: number;
  /** The last event's position (sequence number); 0 for an empty store. */
  readonly lastPosition: number;
  /** Streams whose hash chain is broken (or whose revisions skip), by name. */
  readonly brokenStreams: readonly string[];
  readonly integrity: string;
}

interface Row {
  position: number;
  stream: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
}

/**
 * An online backup of the embedded store with SQLite's backup API: one backup step
 * copies every page inside one read transaction, so the copy is the store as it stood at
 * one commit, whatever the service writes meanwhile (WAL lets it keep writing). The copy
 * is written beside the destination, checked, switched to a single file (no WAL) and
 * only then renamed into place, owner-only.
 */
export async function backupEventStore(
  source: string,
  destination: string,
): Promise<StoreFileReport> {
  if (!existsSync(source)) throw new Error(`no event store at ${source}`);
  if (existsSync(destination)) throw new Error(`${destination} exists: choose a new file`);
  createDirectories(dirname(destination), 0o777);
  const partial = join(dirname(destination), `.${basename(destination)}.partial`);
  rmSync(partial, { force: true });
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    // The first step only starts the backup; the second copies every page at once.
    await db.backup(partial, { progress: () => 0x7fffffff });
  } finally {
    db.close();
  }
  const copy = new Database(partial);
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  chmodSync(partial, 0o600);
  const report = verifyEventStoreFile(partial);
  const problem = problemIn(report);
  if (problem !== undefined) {
    throw new Error(`the copy failed its check (${problem}); kept at ${partial}`);
  }
  renameSync(partial, destination);
  return { ...report, file: destination };
}

/**
 * SQLite's integrity check, and every stream's revisions and hash chain, of a store file
 * (an event whose data or metadata is not valid JSON breaks its stream). Only reads the
 * file: nothing is left beside it.
 */
export function verifyEventStoreFile(file: string): StoreFileReport {
  const db = openForReading(file);
  try {
    const integrity = (db.pragma('integrity_check', { simple: true }) as string) ?? 'unknown';
    const heads = new Map<string, { revision: number; hash: string | null }>();
    const broken = new Set<string>();
    let events = 0;
    let lastPosition = 0;
    const rows = db
      .prepare<[], Row>(
        'SELECT position, stream, revision, type, data, metadata FROM events ORDER BY position',
      )
      .iterate();
    for (const row of rows) {
      events += 1;
      lastPosition = row.position;
      if (broken.has(row.stream)) continue;
      const metadata = parseJsonObject(row.metadata).value;
      const data = parseJsonObject(row.data).value;
      // An event whose stored JSON is damaged breaks its stream's chain there.
      if (metadata === undefined || data === undefined) {
        broken.add(row.stream);
        continue;
      }
      const head = heads.get(row.stream);
      const expectedRevision = head ? head.revision + 1 : 0;
      const prevHash = typeof metadata.prevHash === 'string' ? metadata.prevHash : null;
      const hash = typeof metadata.hash === 'string' ? metadata.hash : null;
      const recomputed = chainHash({
        stream: row.stream,
        revision: row.revision,
        type: row.type,
        data,
        metadata,
      });
      if (
        row.revision !== expectedRevision ||
        hash === null ||
        hash !== recomputed ||
        prevHash !== (head?.hash ?? null)
      ) {
        broken.add(row.stream);
        continue;
      }
      heads.set(row.stream, { revision: row.revision, hash });
    }
    return {
      file,
      bytes: statSync(file).size,
      events,
      streams: new Set([...heads.keys(), ...broken]).size,
      lastPosition,
      brokenStreams: [...broken],
      integrity,
    };
  } finally {
    db.close();
  }
}

export interface RestoreReport extends StoreFileReport {
  /** Where the files the restore replaced were moved. */
  readonly setAside: string | null;
  /** What was done first about an earlier restore cut short (see finishInterruptedRestore). */
  readonly earlierRestore: string | null;
}

/**
 * The steps of a restore that touch the disk, replaceable so that a spec can make one fail
 * (a full disk, a rename refused) and see what the restore leaves behind.
 */
export interface RestoreSteps extends SwapSteps {
  /** Copies the checked backup to `partial` (a new file). */
  readonly copy: (backup: string, partial: string) => void;
}

/** What is wrong with a store file by its check (SQLite's integrity, the chains), or undefined. */
export function storeFileProblem(file: string): string | undefined {
  try {
    return problemIn(verifyEventStoreFile(file));
  } catch (error) {
    return messageOf(error);
  }
}

/** What a store file's check found wrong (SQLite's integrity, broken chains), or undefined. */
function problemIn(report: StoreFileReport): string | undefined {
  return report.integrity === 'ok' && report.brokenStreams.length === 0
    ? undefined
    : checkOf(report);
}

function checkOf(report: StoreFileReport): string {
  return `integrity: ${report.integrity}; broken streams: ${report.brokenStreams.join(', ') || 'none'}`;
}

const DISK_STEPS: RestoreSteps = {
  copy: (backup, partial) => {
    const source = openForReading(backup);
    try {
      // A plain copy of a checked backup; VACUUM INTO writes it in one go. It writes only the
      // copy, which query_only (set on a file in WAL mode: a cold copy of a store) forbids.
      source.pragma('query_only = OFF');
      source.prepare('VACUUM INTO ?').run(partial);
    } finally {
      source.close();
    }
  },
  rename: renameSync,
  checkCopy: storeFileProblem,
};

/**
 * Restores a backup into DATA_DIR while the service is stopped: the backup file is checked
 * first (a file, a SQLite database with an events table, every chain whole), before
 * anything in DATA_DIR is created or locked; it is then copied beside the store and the
 * copy checked; only then are the current events file and everything derived from it
 * (read models, idempotency records, process-manager checkpoints) moved aside, not
 * deleted, and the copy becomes events.sqlite. A restore that fails before that swap
 * removes its partial copy and leaves DATA_DIR as it was; one that fails during the swap
 * puts the files it moved back. On its next start the service rebuilds the read models
 * from the restored events.
 */
export function restoreEventStore(
  backup: string,
  dataDir: string,
  steps: RestoreSteps = DISK_STEPS,
): RestoreReport {
  const report = checkBackupFile(backup);
  createDirectories(dataDir, 0o700);
  // Held while restoring: no service may run on DATA_DIR, nor start before the restore ends.
  const lock = InstanceLock.acquire(dataDir, 'restoring');
  try {
    const earlierRestore = finishInterruptedRestore(dataDir, steps) ?? null;
    return { ...restoreUnder(backup, report, dataDir, steps), earlierRestore };
  } finally {
    lock.release();
  }
}

/** The backup as a restore needs it, or an error naming the file and what is wrong with it. */
export function checkBackupFile(backup: string): StoreFileReport {
  let kind: string;
  try {
    const stat = statSync(backup);
    kind = stat.isFile() ? 'file' : stat.isDirectory() ? 'a directory' : 'not a regular file';
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new Error(
      code === 'ENOENT'
        ? `no backup file at ${backup}; nothing was changed`
        : `cannot read the backup ${backup}: ${messageOf(error)}; nothing was changed`,
      { cause: error },
    );
  }
  if (kind !== 'file') {
    throw new Error(`the backup ${backup} is ${kind}, not a backup file; nothing was changed`);
  }
  let hasEvents: boolean;
  try {
    const db = openForReading(backup);
    try {
      hasEvents =
        db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'events'").get() !==
        undefined;
    } finally {
      db.close();
    }
  } catch (error) {
    throw new Error(
      `the backup ${backup} is not a SQLite database (${messageOf(error)}); nothing was changed`,
      { cause: error },
    );
  }
  if (!hasEvents) {
    throw new Error(
      `the backup ${backup} is a SQLite database without an events table, not a backup of an event store; nothing was changed`,
    );
  }
  let report: StoreFileReport;
  try {
    report = verifyEventStoreFile(backup);
  } catch (error) {
    throw new Error(`cannot check the backup ${backup}: ${messageOf(error)}; nothing was changed`, {
      cause: error,
    });
  }
  const problem = problemIn(report);
  if (problem !== undefined) {
    throw new Error(`${backup} failed its check (${problem}); nothing was changed`);
  }
  return report;
}

function restoreUnder(
  backup: string,
  report: StoreFileReport,
  dataDir: string,
  steps: RestoreSteps,
): Omit<RestoreReport, 'earlierRestore'> {
  const target = join(dataDir, 'events.sqlite');
  const partial = join(dataDir, RESTORE_COPY);
  // Left by a restore that was killed: never the store itself.
  removeCopy(partial);
  try {
    steps.copy(backup, partial);
    chmodSync(partial, 0o600);
    // On disk before the swap's journal names it: a power cut cannot leave a half-written copy.
    syncFile(partial);
    const copied = verifyEventStoreFile(partial);
    if (
      problemIn(copied) !== undefined ||
      copied.events !== report.events ||
      copied.lastPosition !== report.lastPosition
    ) {
      throw new Error(
        `the copy failed its check (${checkOf(copied)}; ${copied.events} of ${report.events} events)`,
      );
    }
  } catch (error) {
    removeCopy(partial);
    throw new Error(
      `could not copy ${backup} into ${dataDir}: ${messageOf(error)}; nothing was changed`,
      { cause: error },
    );
  }

  const present = REPLACED.filter((name) => existsSync(join(dataDir, name)));
  let setAside: string | null = null;
  const moved: string[] = [];
  try {
    if (present.length > 0) {
      const name = `pre-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      setAside = join(dataDir, name);
      // A kill from here on leaves the journal: the next start carries the swap through.
      beginSwap(dataDir, name);
      mkdirSync(setAside, { mode: 0o700 });
      for (const name of present) {
        steps.rename(join(dataDir, name), join(setAside, name));
        moved.push(name);
      }
    }
    steps.rename(partial, target);
    endSwap(dataDir);
  } catch (error) {
    const undone = putBack(steps, dataDir, setAside, moved, partial);
    endSwap(dataDir);
    throw new Error(
      `could not put ${backup} in place in ${dataDir}: ${messageOf(error)}; ${undone}`,
      {
        cause: error,
      },
    );
  }
  return { ...report, file: target, setAside };
}
