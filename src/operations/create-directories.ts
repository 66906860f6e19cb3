import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * Creates `path` and whichever of its parents are missing, one level at a time from the
 * first that exists, each with `mode`. Node's `mkdirSync(path, { recursive: true })` can
 * loop forever where a parent refuses new entries with ENOENT (`/proc/foo`); one level at a
 * time, such a refusal is an error (its `code` as fs gives it) like any other. A `path`
 * that is a file is ENOTDIR.
 */
export function createDirectories(path: string, mode: number): void {
  const missing: string[] = [];
  let current = resolve(path);
  while (!existsSync(current)) {
    missing.unshift(current);
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const directory of missing) {
    try {
      mkdirSync(directory, { mode });
    } catch (error) {
      // Created meanwhile by someone else: as good as by us.
      if ((error as { code?: unknown }).code !== 'EEXIST' || !isDirectory(directory)) throw error;
    }
  }
  if (!isDirectory(path)) {
    throw Object.assign(new Error(`${path} is not a directory`), { code: 'ENOTDIR' });
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
