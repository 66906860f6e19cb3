import { closeSync, openSync, readSync } from 'node:fs';
import Database from 'better-sqlite3';

/**
 * Opens an existing SQLite file only to read it, leaving nothing beside it.
 *
 * A file in rollback-journal mode (a backup: `npm run backup` writes one) is opened
 * `readonly`: nothing is created and its mode is not changed. A file in WAL mode cannot be
 * read without its `-wal` and `-shm` files, which a `readonly` connection creates but, not
 * being allowed to write, never removes; so it is opened read-write with `query_only`,
 * which refuses every write, and SQLite removes the two files when the last connection
 * closes (as it does for the service's own). Neither changes the file's journal mode.
 */
export function openForReading(file: string): Database.Database {
  if (!inWalMode(file)) return new Database(file, { readonly: true, fileMustExist: true });
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('query_only = ON');
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** The file's header says WAL (read and write versions 2, bytes 18 and 19). */
function inWalMode(file: string): boolean {
  const header = Buffer.alloc(20);
  const fd = openSync(file, 'r');
  try {
    if (readSync(fd, header, 0, 20, 0) < 20) return false;
  } finally {
    closeSync(fd);
  }
  return (
    header.toString('latin1', 0, 16) === 'SQLite format 3\0' && header[18] === 2 && header[19] === 2
  );
}
