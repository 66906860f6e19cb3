/**
 * `npm run backup -- <file>`: an online, consistent copy of the embedded event store,
 * safe while the service writes. DATA_DIR (default ./data) names the store.
 */
import { resolve } from 'node:path';
import { loadConfig } from '../src/config/config.js';
import { backupEventStore } from '../src/operations/backup.js';

const destination = process.argv[2];
if (!destination || destination.startsWith('-')) {
  process.stderr.write('usage: npm run backup -- <backup-file>   (DATA_DIR names the store)\n');
  process.exit(64);
}
const config = loadConfig(process.env);
if (config.store.kind !== 'sqlite') {
  process.stderr.write(
    'backup: EVENTSTORE_URL names KurrentDB; back KurrentDB up with its own tools\n',
  );
  process.exit(64);
}
process.umask(0o077);
try {
  const started = Date.now();
  const report = await backupEventStore(config.store.file, resolve(destination));
  process.stdout.write(
    `${JSON.stringify({ ...report, seconds: (Date.now() - started) / 1000 })}\n`,
  );
} catch (error) {
  process.stderr.write(
    `backup failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
}
