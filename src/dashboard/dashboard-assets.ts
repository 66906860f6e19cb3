import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One file of the dashboard, read once at start-up. */
export interface DashboardAsset {
  readonly body: Buffer;
  readonly contentType: string;
  /** A strong validator of the body, for If-None-Match. */
  readonly etag: string;
}

export interface DashboardAssets {
  readonly directory: string;
  readonly page: DashboardAsset;
  readonly script: DashboardAsset;
  readonly styles: DashboardAsset;
}

const FILES = {
  page: ['index.html', 'text/html; charset=utf-8'],
  script: ['dashboard.js', 'text/javascript; charset=utf-8'],
  styles: ['dashboard.css', 'text/css; charset=utf-8'],
} as const;

/**
 * Where src/dashboard/public is: beside this module when it runs from src (Jest), three
 * levels up when it runs compiled from dist/src/dashboard, or under the working directory
 * (the project root) as a last resort.
 */
export function dashboardDirectories(moduleUrl: string = import.meta.url): string[] {
  return [
    fileURLToPath(new URL('./public/', moduleUrl)),
    fileURLToPath(new URL('../../../src/dashboard/public/', moduleUrl)),
    resolve(process.cwd(), 'src/dashboard/public'),
  ];
}

/** Reads the page, its script and its styles; throws, naming where it looked, when they are missing. */
export function loadDashboardAssets(directories = dashboardDirectories()): DashboardAssets {
  const directory = directories.find((dir) =>
    Object.values(FILES).every(([name]) => existsSync(join(dir, name))),
  );
  if (directory === undefined) {
    throw new Error(
      `dashboard files (${Object.values(FILES)
        .map(([name]) => name)
        .join(', ')}) not found in ${directories.join(' or ')}`,
    );
  }
  const read = ([name, contentType]: readonly [string, string]): DashboardAsset => {
    const body = readFileSync(join(directory, name));
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
    return { body, contentType, etag };
  };
  return {
    directory,
    page: read(FILES.page),
    script: read(FILES.script),
    styles: read(FILES.styles),
  };
}
