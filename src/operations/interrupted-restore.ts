import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmdirSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { isJsonObject } from '../shared/json.js';

/**
 * Written once a restore's copy of the backup is checked and before it moves anything:
 * the directory it sets the old files aside in. While it is there, the swap has not ended.
 */
export const SWAP_JOURNAL = 'restore-swap.json';

/** The copy of the backup a restore puts in place, checked before the journal is written. */
export const RESTORE_COPY = 'events.sqlite.restoring';

/** What a restore replaces in DATA_DIR: the events file and everything derived from it. */
export const REPLACED = [
  'events.sqlite',
  'events.sqlite-wal',
  'events.sqlite-shm',
  'idempotency.sqlite',
  'idempotency.sqlite-wal',
  'idempotency.sqlite-shm',
  'checkpoints.sqlite',
  'checkpoints.sqlite-wal',
  'checkpoints.sqlite-shm',
  'read-models',
] as const;

/** Records, synced, that a swap into DATA_DIR begins, setting files aside in `setAside`. */
export function beginSwap(dataDir: string, setAside: string): void {
  const fd = openSync(join(dataDir, SWAP_JOURNAL), 'w', 0o600);
  try {
    writeSync(fd, JSON.stringify({ setAside }));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Asks the disk to hold what was written to the file. */
export function syncFile(file: string): void {
  const fd = openSync(file, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function endSwap(dataDir: string): void {
  rmSync(join(dataDir, SWAP_JOURNAL), { force: true });
}

export interface SwapSteps {
  readonly rename: (from: string, to: string) => void;
  /** What is wrong with the copy of the backup (damaged since its check), or undefined. */
  readonly checkCopy: (file: string) => string | undefined;
}

/**
 * Ends a restore whose swap was cut short (the process killed between two renames). Its
 * copy of the backup, checked before the swap began, is checked again: whole, the swap is
 * carried through (what it had not yet set aside is, and the copy becomes events.sqlite);
 * damaged since (a power cut while it was written), the swap is undone (what was set aside
 * goes back, the copy is removed). Says what it did; undefined when no swap was left
 * unfinished. Called under the instance lock, before the store is opened.
 */
export function finishInterruptedRestore(dataDir: string, steps: SwapSteps): string | undefined {
  const journal = join(dataDir, SWAP_JOURNAL);
  if (!existsSync(journal)) return undefined;
  const setAside = setAsideIn(readFileSync(journal, 'utf8'), dataDir);
  const copy = join(dataDir, RESTORE_COPY);
  if (!existsSync(copy)) {
    // The copy was already in place: only the journal was left.
    endSwap(dataDir);
    return `a restore was stopped after putting the backup in place; its files set aside are in ${setAside}`;
  }
  const damaged = steps.checkCopy(copy);
  if (damaged !== undefined) {
    const moved = REPLACED.filter(
      (name) => existsSync(join(setAside, name)) && !existsSync(join(dataDir, name)),
    );
    const undone = putBack(steps, dataDir, setAside, moved, copy);
    endSwap(dataDir);
    return `a restore was stopped while swapping files, and its copy of the backup is damaged (${damaged}): the swap is undone (${undone})`;
  }
  mkdirSync(setAside, { recursive: true, mode: 0o700 });
  for (const name of REPLACED) {
    if (existsSync(join(dataDir, name))) steps.rename(join(dataDir, name), join(setAside, name));
  }
  steps.rename(copy, join(dataDir, 'events.sqlite'));
  endSwap(dataDir);
  return `a restore was stopped while swapping files: it is finished now (the checked copy of the backup is events.sqlite; the files it replaced are in ${setAside})`;
}

/** The journal's directory, which must be a pre-restore directory of DATA_DIR itself. */
function setAsideIn(text: string, dataDir: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const setAside = isJsonObject(parsed) ? parsed.setAside : undefined;
  if (typeof setAside !== 'string' || !/^pre-restore-[0-9TZ-]+$/.test(setAside)) {
    throw new Error(
      `${join(dataDir, SWAP_JOURNAL)} does not say where the restore set files aside; look at DATA_DIR by hand (the restore's copy is ${RESTORE_COPY}) and remove the file`,
    );
  }
  return join(dataDir, setAside);
}

/**
 * Undoes a swap that failed midway: the files set aside go back where they were, and the
 * copy is removed. Says what was done (or, when a file could not go back, where it is).
 */
export function putBack(
  steps: Pick<SwapSteps, 'rename'>,
  dataDir: string,
  setAside: string | null,
  moved: readonly string[],
  partial: string,
): string {
  const stuck: string[] = [];
  for (const name of [...moved].reverse()) {
    try {
      steps.rename(join(setAside!, name), join(dataDir, name));
    } catch {
      stuck.push(name);
    }
  }
  removeCopy(partial);
  if (stuck.length > 0) {
    return `could not put back ${stuck.join(', ')}: move them from ${setAside} into ${dataDir} by hand before starting the service`;
  }
  if (setAside !== null) {
    try {
      rmdirSync(setAside);
    } catch {
      // An empty directory left behind is harmless.
    }
  }
  return moved.length > 0
    ? `the files set aside were put back; nothing was changed`
    : 'nothing was changed';
}

/** A partial copy, with whatever SQLite kept beside it. */
export function removeCopy(partial: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm'])
    rmSync(`${partial}${suffix}`, { force: true });
}
