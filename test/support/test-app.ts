import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
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

/** AUTH_TOKENS as every test app is configured with: one entry per role, named test-<role>. */
export const AUTH_TOKENS = Object.entries(TOKENS)
  .map(([role, token]) => `test-${role}:${role}:${token}`)
  .join(',');

/**
 * The real application on the embedded store, in a fresh DATA_DIR (or a given one); its logs
 * go to `logger` when given, else nowhere.
 */
export async function startTestApp(
  env: Record<string, string> = {},
  dataDir = mkdtempSync(join(tmpdir(), 'envoy-e2e-')),
  logger: Writable | false = false,
): Promise<TestApp> {
  const config = loadConfig({ DATA_DIR: dataDir, DURABILITY: 'relaxed', AUTH_TOKENS, ...env });
  const app = await createApp(config, { logger });
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

/** A test app listening on a free port of 127.0.0.1, for requests sent as raw bytes. */
export async function startListeningApp(
  env: Record<string, string>,
  logger: Writable,
): Promise<TestApp & { readonly port: number }> {
  const subject = await startTestApp(env, undefined, logger);
  await subject.app.listen({ port: 0, host: '127.0.0.1' });
  return { ...subject, port: (subject.server.address() as AddressInfo).port };
}
