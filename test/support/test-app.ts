import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { Server } from 'node:http';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../src/app.factory.js';
import { loadConfig, type AppConfig } from '../../src/config/config.js';

export interface TestApp {
  readonly app: NestFastifyApplication;
  readonly config: AppConfig;
  readonly dataDir: string;
  /** The raw Node server, for supertest. */
  readonly server: Server;
  /** Stops the app; keeps DATA_DIR so a restart can reopen it. */
  readonly stop: () => Promise<void>;
  /** Stops the app and deletes DATA_DIR. */
  readonly dispose: () => Promise<void>;
}

/** One bearer token per role, as AUTH_TOKENS configures them for every test app. */
export const TOKENS = {
  staff: 'staff-token-0123456789',
  auditor: 'auditor-token-0123456789',
  viewer: 'viewer-token-0123456789',
  admin: 'admin-token-0123456789',
} as const;

const AUTH_TOKENS = Object.entries(TOKENS)
  .map(([role, token]) => `test-${role}:${role}:${token}`)
  .join(',');

/** The real application on the embedded store, in a fresh DATA_DIR (or a given one). */
export async function startTestApp(
  env: Record<string, string> = {},
  dataDir = mkdtempSync(join(tmpdir(), 'envoy-e2e-')),
): Promise<TestApp> {
  const config = loadConfig({ DATA_DIR: dataDir, DURABILITY: 'relaxed', AUTH_TOKENS, ...env });
  const app = await createApp(config, { logger: false });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await app.close();
  };
  return {
    app,
    config,
    dataDir,
    server: app.getHttpServer() as Server,
    stop,
    dispose: async () => {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
