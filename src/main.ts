import 'reflect-metadata';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig, type AppConfig } from './config/config.js';
import { createApp } from './app.factory.js';
import { PID_FILE } from './operations/backup.js';
import { InstanceLock } from './operations/instance-lock.js';
import { installGracefulShutdown } from './operations/shutdown.js';

function configOrExit(): AppConfig {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`envoy-ledger: configuration error: ${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
}

async function main(): Promise<void> {
  const config = configOrExit();
  // Everything the service creates under DATA_DIR (events, read models, tokens) is owner-only.
  process.umask(0o077);
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  try {
    chmodSync(config.dataDir, 0o700);
  } catch {
    // a directory we do not own (a mount point): its files are still created owner-only
  }
  // One process per DATA_DIR, held until this one ends (a second service, or a restore, is refused).
  const lock = InstanceLock.acquire(config.dataDir, 'starting another on it');
  // Referenced until the end: a lock left to the garbage collector would be released early.
  process.once('exit', () => lock.release());
  const app = await createApp(config);
  installGracefulShutdown(app, config);
  await app.listen({ port: config.port, host: config.host });
  // Names this process to operators; the lock above is what keeps others out.
  writeFileSync(join(config.dataDir, PID_FILE), `${process.pid}\n`);
  const store = config.store.kind === 'sqlite' ? config.store.file : 'KurrentDB';
  new Logger('Main').log(
    `envoy-ledger listening on http://${config.host}:${config.port} (store: ${store})`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `envoy-ledger: failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
