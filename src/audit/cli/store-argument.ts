import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  checkedConnectionString,
  ConfigError,
  loadConfig,
  withoutCredentials,
  type StoreConfig,
} from '../../config/config.js';
import type { EventStore } from '../../event-store/event-store.port.js';
import { KURRENTDB_SCHEME } from '../../event-store/kurrentdb/kurrentdb-connection-scheme.js';
import { unreadableConnectionString } from '../../event-store/kurrentdb/unreadable-connection-string.js';
import { openEventStore } from '../../event-store/open-event-store.js';
import { UsageError } from './cli-io.js';

/**
 * The store a `--store` (or `--from`/`--to`) argument names: a KurrentDB connection string,
 * or the path of an embedded store file. Without one: the service's own configuration
 * (EVENTSTORE_URL, else DATA_DIR/events.sqlite).
 */
export function storeConfigOf(
  text: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  option = '--store',
): StoreConfig {
  if (text !== undefined && text !== '' && !KURRENTDB_SCHEME.test(text)) {
    return { kind: 'sqlite', file: resolve(text), durability: 'full' };
  }
  // Settings the tool cannot use are a usage error (exit 2), before anything connects; a URL is
  // checked as EVENTSTORE_URL is: a misspelt option would be ignored by the client.
  try {
    if (text === undefined || text === '') return loadConfig(env).store;
    return { kind: 'kurrentdb', connectionString: checkedConnectionString(text, option) };
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
}

/** How a store is named in messages (never with a password). */
export function describeStore(config: StoreConfig): string {
  if (config.kind === 'sqlite') return config.file;
  return withoutCredentials(config.connectionString);
}

/**
 * Opens the store; an embedded file that should hold events must already exist. One that
 * may be new is created owner-only (0600), as the service creates its files: SQLite gives
 * its -wal and -shm files the database file's mode.
 */
export async function openStore(config: StoreConfig, mustExist: boolean): Promise<EventStore> {
  if (config.kind === 'kurrentdb') {
    const unreadable = await unreadableConnectionString(config.connectionString);
    if (unreadable !== undefined) throw new UsageError(unreadable);
  }
  if (config.kind === 'sqlite' && !existsSync(config.file)) {
    if (mustExist) throw new UsageError(`no event store at ${config.file}`);
    writeFileSync(config.file, '', { mode: OWNER_ONLY, flag: 'wx' });
  }
  return openEventStore(config);
}

/** The mode of every file the audit tools create: read and written by their owner only. */
export const OWNER_ONLY = 0o600;

/** Appends kept in flight when writing to this store: the embedded one commits them in order. */
export function orderedInFlight(config: StoreConfig): number {
  return config.kind === 'sqlite' ? 256 : 1;
}
