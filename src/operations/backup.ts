import { chmodSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { chainHash } from '../audit/hash-chain.js';
import type { JsonObject } from '../shared/json.js';
import { createDirectories } from './create-directories.js';
import { InstanceLock } from './instance-lock.js';

export const PID_FILE = 'envoy-ledger.pid';

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
  if (report.integrity !== 'ok' || report.brokenStreams.length > 0) {
    throw new Error(
      `the copy failed its check (integrity: ${report.integrity}; broken streams: ${report.brokenStreams.join(', ') || 'none'}); kept at ${partial}`,
    );
  }
  renameSync(partial, destination);
  return { ...report, file: destination };
}

/** SQLite's integrity check, and every stream's revisions and hash chain, of a store file. */
export function verifyEventStoreFile(file: string): StoreFileReport {
  const db = new Database(file, { readonly: true, fileMustExist: true });
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
      const metadata = JSON.parse(row.metadata) as JsonObject;
      const head = heads.get(row.stream);
      const expectedRevision = head ? head.revision + 1 : 0;
      const prevHash = typeof metadata.prevHash === 'string' ? metadata.prevHash : null;
      const hash = typeof metadata.hash === 'string' ? metadata.hash : null;
      const recomputed = chainHash({
        stream: row.stream,
        revision: row.revision,
        type: row.type,
        data: JSON.parse(row.data) as JsonObject,
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
}

/**
 * Restores a backup into DATA_DIR while the service is stopped: the backup is checked
 * first; the current events file and everything derived from it (read models,
 * idempotency records, process-manager checkpoints) are moved aside, not deleted; the
 * backup becomes events.sqlite. On its next start the service rebuilds the read models
 * from the restored events.
 */
export function restoreEventStore(backup: string, dataDir: string): RestoreReport {
  createDirectories(dataDir, 0o700);
  // Held while restoring: no service may run on DATA_DIR, nor start before the restore ends.
  const lock = InstanceLock.acquire(dataDir, 'restoring');
  try {
    return restoreUnder(backup, dataDir);
  } finally {
    lock.release();
  }
}

function restoreUnder(backup: string, dataDir: string): RestoreReport {
  const report = verifyEventStoreFile(backup);
  if (report.integrity !== 'ok' || report.brokenStreams.length > 0) {
    throw new Error(
      `${backup} failed its check (integrity: ${report.integrity}; broken streams: ${report.brokenStreams.join(', ') || 'none'}); nothing was changed`,
    );
  }
  const derived = [
    'events.sqlite',
    'events.sqlite-wal',
    'events.sqlite-shm',
    'idempotency.sqlite',
    'idempotency.sqlite-wal',
    'idempotency.sqlite-shm',
    'checkpoints.sqlite',
    'checkpoints.sqlite-wal',
    'checkpoints.sqlite-shm',
    'read-models',
  ].filter((name) => existsSync(join(dataDir, name)));
  let setAside: string | null = null;
  if (derived.length > 0) {
    setAside = join(dataDir, `pre-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`);
    mkdirSync(setAside, { mode: 0o700 });
    for (const name of derived) renameSync(join(dataDir, name), join(setAside, name));
  }
  const target = join(dataDir, 'events.sqlite');
  const partial = `${target}.restoring`;
  const source = new Database(backup, { readonly: true, fileMustExist: true });
  try {
    // A plain copy of a checked, single-file backup; VACUUM INTO writes it in one go.
    source.prepare('VACUUM INTO ?').run(partial);
  } finally {
    source.close();
  }
  chmodSync(partial, 0o600);
  renameSync(partial, target);
  return { ...report, file: target, setAside };
}
