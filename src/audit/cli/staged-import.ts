import { existsSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { StoreConfig } from '../../config/config.js';
import type { EventStore } from '../../event-store/event-store.port.js';
import { START } from '../../event-store/position.js';
import { InstanceLock } from '../../operations/instance-lock.js';
import { TargetNotEmptyError } from '../import/ndjson-import.js';
import { openStore } from './store-argument.js';

/** SQLite's companions of a database file. */
const COMPANIONS = ['', '-wal', '-shm', '-journal'];

/**
 * Runs an import so that a failed one leaves the target as it was. Into an embedded store the
 * events go to a staging file beside it, moved into place only when `run` succeeded (0): a bad
 * line, a gap or a chain that does not verify leaves no half-imported store that could pass
 * for a whole one. A KurrentDB target is written in place (a database is not a file to swap);
 * an import goes into an empty one only, so a failed import there is cleared by dropping it.
 * The directory of an embedded target is held as a service holds its DATA_DIR: no import
 * swaps a store from under a service running on it.
 */
export async function stagedImport(
  config: StoreConfig,
  run: (store: EventStore, config: StoreConfig) => Promise<number>,
): Promise<number> {
  if (config.kind !== 'sqlite') return withStore(config, run);
  const lock = InstanceLock.acquire(dirname(config.file), 'importing into its store');
  try {
    return await importBeside(config, run);
  } finally {
    lock.release();
  }
}

async function importBeside(
  config: Extract<StoreConfig, { kind: 'sqlite' }>,
  run: (store: EventStore, config: StoreConfig) => Promise<number>,
): Promise<number> {
  if (existsSync(config.file)) {
    await withStore(config, async (store) => {
      if ((await store.headPosition()) !== START) throw new TargetNotEmptyError();
      return 0;
    });
  }
  const staging = { ...config, file: `${config.file}.importing` };
  removeDatabase(staging.file);
  try {
    const code = await withStore(staging, run);
    if (code === 0) {
      // The empty target's companions go; the rename replaces the file itself in one step.
      for (const suffix of COMPANIONS.slice(1)) rmSync(`${config.file}${suffix}`, { force: true });
      renameSync(staging.file, config.file);
    }
    return code;
  } finally {
    removeDatabase(staging.file);
  }
}

async function withStore(
  config: StoreConfig,
  use: (store: EventStore, config: StoreConfig) => Promise<number>,
): Promise<number> {
  const store = await openStore(config, false);
  try {
    return await use(store, config);
  } finally {
    await store.close();
  }
}

function removeDatabase(file: string): void {
  for (const suffix of COMPANIONS) rmSync(`${file}${suffix}`, { force: true });
}
