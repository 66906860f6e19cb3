import 'reflect-metadata';
import { accessSync, chmodSync, constants, existsSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig, type AppConfig } from './config/config.js';
import { unreadableConnectionString } from './event-store/kurrentdb/unreadable-connection-string.js';
import { createApp } from './app.factory.js';
import { parseTokensFile, TOKENS_FILE } from './auth/generated-tokens.js';
import { InvalidTokenEntriesError } from './auth/token-entry.js';
import { storeFileProblem } from './operations/backup.js';
import { createDirectories } from './operations/create-directories.js';
import { InstanceLock, PID_FILE } from './operations/instance-lock.js';
import { finishInterruptedRestore } from './operations/interrupted-restore.js';
import { missingEventLog } from './operations/missing-event-log.js';
import { installGracefulShutdown } from './operations/shutdown.js';

function configOrExit(): AppConfig {
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) exitConfigError(error);
    throw error;
  }
}

/** Stops the process with one line naming what is wrong, as a bad setting does. */
function exitConfigError(error: ConfigError): never {
  process.stderr.write(`envoy-ledger: configuration error: ${error.message}\n`);
  process.exit(78);
}

/**
 * What the settings name, checked before anything is started: DATA_DIR can be created and
 * written, its tokens.json (when AUTH_TOKENS is unset) holds usable tokens, and a KurrentDB
 * connection string is one the client reads.
 */
async function preflightOrExit(config: AppConfig): Promise<void> {
  try {
    createDirectories(config.dataDir, 0o700);
    accessSync(config.dataDir, constants.R_OK | constants.W_OK);
  } catch (error) {
    exitConfigError(
      new ConfigError('DATA_DIR', `${config.dataDir} cannot be written: ${codeOf(error)}`),
    );
  }
  try {
    chmodSync(config.dataDir, 0o700);
  } catch {
    // a directory we do not own (a mount point): its files are still created owner-only
  }
  const tokensFile = join(config.dataDir, TOKENS_FILE);
  if (!config.authTokens && existsSync(tokensFile)) {
    try {
      parseTokensFile(tokensFile);
    } catch (error) {
      if (!(error instanceof InvalidTokenEntriesError)) throw error;
      exitConfigError(new ConfigError('AUTH_TOKENS', `unset, and ${error.message}`));
    }
  }
  if (config.store.kind === 'kurrentdb') {
    const unreadable = await unreadableConnectionString(config.store.connectionString);
    if (unreadable !== undefined) exitConfigError(new ConfigError('EVENTSTORE_URL', unreadable));
  }
}

/** An IPv6 address goes in brackets in a URL (`http://[::1]:3000`). */
function hostInUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
}

/**
 * Before the embedded store is opened: a restore cut short is carried through or undone (what
 * was done is said on stderr at once, and returned, to be logged), and a DATA_DIR whose events file is gone from beside what
 * was derived from it stops the start.
 */
function settleEmbeddedStore(dataDir: string): string | undefined {
  const finished = finishInterruptedRestore(dataDir, {
    rename: renameSync,
    checkCopy: storeFileProblem,
  });
  // Said at once too: a start that then fails (exit 78, 1) must not hide what was moved.
  if (finished !== undefined) process.stderr.write(`envoy-ledger: ${finished}\n`);
  const missing = missingEventLog(dataDir);
  if (missing !== undefined) exitConfigError(new ConfigError('DATA_DIR', missing));
  return finished;
}

async function main(): Promise<void> {
  const config = configOrExit();
  // Everything the service creates under DATA_DIR (events, read models, tokens) is owner-only.
  process.umask(0o077);
  await preflightOrExit(config);
  // One process per DATA_DIR, held until this one ends (a second service, or a restore, is refused).
  const lock = InstanceLock.acquire(config.dataDir, 'starting another on it');
  // Referenced until the end: a lock left to the garbage collector would be released early.
  process.once('exit', () => lock.release());
  const settled = config.store.kind === 'sqlite' ? settleEmbeddedStore(config.dataDir) : undefined;
  const app = await createApp(config);
  if (settled !== undefined) new Logger('Main').warn(settled);
  installGracefulShutdown(app, config);
  await app.listen({ port: config.port, host: config.host });
  // Names this process to operators; the lock above is what keeps others out.
  writeFileSync(join(config.dataDir, PID_FILE), `${process.pid}\n`);
  const store = config.store.kind === 'sqlite' ? config.store.file : 'KurrentDB';
  new Logger('Main').log(
    `envoy-ledger listening on http://${hostInUrl(config.host)}:${config.port} (store: ${store})`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `envoy-ledger: failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
