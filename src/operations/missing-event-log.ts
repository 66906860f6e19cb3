import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** What the service derives from the events file and keeps beside it. */
const DERIVED = ['read-models', 'checkpoints.sqlite', 'idempotency.sqlite'];

/**
 * Refuses to start the embedded store on a DATA_DIR whose events file is gone while what was
 * derived from it is still there (a file deleted or moved by hand): a new, empty store would
 * be served beside read models, checkpoints and kept answers of events it does not hold.
 * Undefined when DATA_DIR is fine (a store, or nothing derived).
 */
export function missingEventLog(dataDir: string): string | undefined {
  if (existsSync(join(dataDir, 'events.sqlite'))) return undefined;
  const derived = DERIVED.filter((name) => existsSync(join(dataDir, name)));
  if (derived.length === 0) return undefined;
  return `${join(dataDir, 'events.sqlite')} is missing, but ${derived.join(', ')} derived from it are still in ${dataDir}: restore a backup (npm run restore -- <file>), or, to start an empty ledger, move them out of DATA_DIR first`;
}
