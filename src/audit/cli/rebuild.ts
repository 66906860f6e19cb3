import { NestFactory } from '@nestjs/core';
import { AppModule } from '../../app.module.js';
import type { AppConfig } from '../../config/config.js';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port.js';
import { decodePosition } from '../../event-store/position.js';
import { InstanceLock } from '../../operations/instance-lock.js';
import { ProjectionsService } from '../../projections/projections.service.js';
import { Progress } from '../progress/progress.js';
import { UsageError, writeLine, type CliIo } from './cli-io.js';

const POLL_MS = 250;

/**
 * Rebuilds read models from the event store with the service's own ProjectionsService (a
 * fresh generation built beside the current one, swapped in once caught up), in an
 * application context without HTTP. For a service that is stopped: a running one rebuilds
 * through POST /api/admin/projections/:name/rebuild, and holds DATA_DIR, so this refuses
 * rather than swap read-model files from under it.
 */
export async function rebuildReadModels(
  config: AppConfig,
  only: string | undefined,
  io: CliIo,
): Promise<number> {
  const lock = InstanceLock.acquire(config.dataDir, 'rebuilding its read models offline');
  try {
    return await rebuildUnlocked(config, only, io);
  } finally {
    lock.release();
  }
}

async function rebuildUnlocked(
  config: AppConfig,
  only: string | undefined,
  io: CliIo,
): Promise<number> {
  const app = await NestFactory.createApplicationContext(
    AppModule.forConfig(config, { logs: false }),
    { logger: false, abortOnError: false },
  );
  try {
    const projections = app.get(ProjectionsService);
    const store = app.get<EventStore>(EVENT_STORE);
    const names = only === undefined ? projections.names() : [only];
    if (only !== undefined && !projections.has(only)) {
      throw new UsageError(`no projection ${only}; there are ${projections.names().join(', ')}`);
    }
    // On the embedded store a position counts events; on KurrentDB it is a place in the log.
    const unit = config.store.kind === 'sqlite' ? 'events' : 'log positions';
    for (const name of names) {
      const head = Number(decodePosition(await store.headPosition()).commit);
      const { generation } = projections.rebuild(name);
      const progress = new Progress({
        label: `rebuild ${name}`,
        out: io.stderr,
        total: head,
        unit,
      });
      let done = false;
      const rebuilt = projections.rebuilt(name).then(() => {
        done = true;
      });
      while (!done) {
        await Promise.race([rebuilt, new Promise((resolve) => setTimeout(resolve, POLL_MS))]);
        const status = (await projections.status()).find((s) => s.name === name);
        const at = status?.rebuilding?.position ?? status?.position;
        if (at) progress.update(Number(decodePosition(at).commit));
      }
      const status = (await projections.status()).find((s) => s.name === name);
      if (status?.generation !== generation) {
        progress.finish('failed');
        writeLine(
          io.stderr,
          `rebuild ${name}: ${status?.lastError ?? 'the rebuild did not complete'}`,
        );
        return 1;
      }
      progress.finish(`generation ${generation}`, Number(decodePosition(status.position).commit));
      writeLine(io.stdout, `rebuilt ${name}: generation ${generation}, at ${status.position}`);
    }
    return 0;
  } finally {
    await app.close();
  }
}
