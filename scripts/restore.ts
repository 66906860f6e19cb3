/**
 * `npm run restore -- <backup-file>`: with the service stopped, makes the backup the
 * event store of DATA_DIR (default ./data). What it replaces is moved aside, not deleted.
 */
import { resolve } from 'node:path';
import { loadConfig } from '../src/config/config.js';
import { restoreEventStore } from '../src/operations/backup.js';

const backup = process.argv[2];
if (!backup || backup.startsWith('-')) {
  process.stderr.write('usage: npm run restore -- <backup-file>   (DATA_DIR names the store)\n');
  process.exit(64);
}
const config = loadConfig(process.env);
process.umask(0o077);
try {
  const report = restoreEventStore(resolve(backup), config.dataDir);
  if (report.earlierRestore !== null) process.stdout.write(`first, ${report.earlierRestore}\n`);
  process.stdout.write(`${JSON.stringify(report)}\n`);
  process.stdout.write(
    'restored: start the service; it rebuilds the read models from the restored events\n',
  );
} catch (error) {
  process.stderr.write(
    `restore failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
}
