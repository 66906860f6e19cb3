import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Whether a process started on the idempotency file as it is on disk now would find the answer. */
export function keptOnDisk(file: string, actor: string, key: string): boolean {
  const copy = mkdtempSync(join(tmpdir(), 'envoy-kept-'));
  try {
    for (const suffix of ['', '-wal']) {
      if (existsSync(file + suffix))
        copyFileSync(file + suffix, join(copy, `kept.sqlite${suffix}`));
    }
    const db = new Database(join(copy, 'kept.sqlite'));
    try {
      return (
        db.prepare('SELECT 1 FROM idempotency WHERE actor = ? AND key = ?').get(actor, key) !==
        undefined
      );
    } finally {
      db.close();
    }
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}
