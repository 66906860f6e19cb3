import { rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '../config/config.js';
import { LiveMissionsHub } from '../live/live-missions.hub.js';
import { Drain } from './drain.js';
import { PID_FILE } from './instance-lock.js';

/** What a client is told to wait before reconnecting a live feed the shutdown closed. */
const FEED_RETRY_MS = 2000;
/** How long a draining node keeps its socket open before it stops accepting. */
const DRAIN_GRACE_MS = 500;

/**
 * SIGTERM (or SIGINT): stop taking work, finish what is in flight, flush, exit 0.
 * 1. drain: /health/ready fails; new requests on open connections get 503 + Connection: close;
 * 2. live feeds end with an SSE `retry` hint and the id to resume from;
 * 3. after a short grace (requests already on their way are read and answered), the
 *    listening socket closes (no new connections) and in-flight requests finish;
 * 4. Nest closes: projections stop at a checkpoint, the event store commits what is
 *    queued and closes, idempotency records are written;
 * 5. exit 0; if all this takes longer than SHUTDOWN_TIMEOUT_SECONDS, exit 1 instead.
 */
export function installGracefulShutdown(app: NestFastifyApplication, config: AppConfig): void {
  let shuttingDown = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (shuttingDown) return;
    shuttingDown = true;
    void shutDown(app, config, signal);
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}

async function shutDown(
  app: NestFastifyApplication,
  config: AppConfig,
  signal: string,
): Promise<never> {
  const logger = new Logger('Shutdown');
  const boundMs = config.operations.shutdownTimeoutSeconds * 1000;
  const deadline = Date.now() + boundMs;
  const force = setTimeout(() => {
    logger.error(`still not done after ${boundMs} ms: exiting with in-flight work abandoned`);
    process.exit(1);
  }, boundMs);
  force.unref();
  const drain = app.get(Drain);
  logger.log(`${signal}: draining (${drain.inFlight} requests in flight)`);
  drain.begin();
  app.get(LiveMissionsHub).closeAll('the service is shutting down', FEED_RETRY_MS);
  // A moment with the door still open: requests already sent on kept-alive connections
  // are read and answered (finished, or 503 + Connection: close) rather than cut off when
  // the server closes its idle-looking connections; the balancer sees readiness fail.
  await new Promise((resolve) => setTimeout(resolve, Math.min(DRAIN_GRACE_MS, boundMs / 4)));
  const server = app.getHttpServer() as Server;
  server.close();
  server.closeIdleConnections();
  const drained = await drain.idle(Math.max(0, deadline - Date.now()));
  if (!drained) logger.warn(`${drain.inFlight} requests still in flight at the deadline`);
  try {
    await app.close();
  } catch (error) {
    logger.error(`closing failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  clearTimeout(force);
  rmSync(join(config.dataDir, PID_FILE), { force: true });
  logger.log('stopped');
  process.exit(drained ? 0 : 1);
}
