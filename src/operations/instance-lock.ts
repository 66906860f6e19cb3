import { join } from 'node:path';
import Database from 'better-sqlite3';

/** The file whose lock says a process owns DATA_DIR. */
const LOCK_FILE = 'envoy-ledger.lock';

/** The file naming the process that owns DATA_DIR, for operators (the lock keeps others out). */
export const PID_FILE = 'envoy-ledger.pid';

/** Another process holds DATA_DIR. */
class InstanceLockedError extends Error {
  override readonly name = 'InstanceLockedError';
}

/**
 * Ownership of a DATA_DIR: one service process (or one restore) at a time. An exclusive
 * SQLite lock on DATA_DIR/envoy-ledger.lock, held for the life of the owner: the operating
 * system releases it when the process ends, however it ends (kill -9 included), so there is
 * no stale lock to clean up, and no second process can take it meanwhile, whatever files it
 * overwrites or deletes.
 */
export class InstanceLock {
  private constructor(private readonly db: Database.Database) {}

  /** Takes DATA_DIR, or throws InstanceLockedError when another process holds it. */
  static acquire(dataDir: string, who: string): InstanceLock {
    const db = new Database(join(dataDir, LOCK_FILE), { timeout: 0 });
    try {
      db.pragma('locking_mode = EXCLUSIVE');
      db.exec('BEGIN EXCLUSIVE');
    } catch (error) {
      db.close();
      if ((error as { code?: unknown }).code === 'SQLITE_BUSY') {
        throw new InstanceLockedError(
          `an envoy-ledger service (or a restore) is running on ${dataDir}: stop it before ${who}`,
        );
      }
      throw error;
    }
    return new InstanceLock(db);
  }

  release(): void {
    if (this.db.open) this.db.close();
  }
}
