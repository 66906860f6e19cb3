import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type OnModuleDestroy,
} from '@nestjs/common';
import type { AppConfig } from '../config/config.js';
import { APP_CONFIG } from '../config/app-config.token.js';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port.js';
import type { Position } from '../event-store/position.js';
import { CatchUpTimeoutError } from '../subscriptions/catch-up-waiters.js';
import { PauseReports } from '../subscriptions/pause-reports.js';
import { ProjectionDatabase } from './projection-database.js';
import { ProjectionFeed } from './projection-feed.js';
import { ProjectionRunner } from './projection-runner.js';
import type { ProjectionDefinition } from './projection.js';
import { PROJECTIONS } from './projections.token.js';
import { ReadModelChanges } from './read-model-changes.js';

export interface ProjectionStatus {
  readonly name: string;
  readonly position: Position;
  readonly lag: {
    readonly events: number;
    readonly milliseconds: number;
    readonly capped: boolean;
  };
  readonly state: string;
  readonly lastError: string | null;
  /** Why it waits before its next event, retried every second (see ProjectionRunner.pause). */
  readonly pausedBy: string | null;
  readonly generation: number;
  readonly rebuilding: {
    readonly generation: number;
    readonly position: Position;
    readonly state: string;
    readonly lastError: string | null;
    readonly pausedBy: string | null;
  } | null;
}

interface Slot {
  generation: number;
  active: ProjectionRunner;
  building?: {
    generation: number;
    runner: ProjectionRunner;
    done: Promise<void>;
  };
}

/** How far lag is counted before it is reported as "at least". */
const LAG_COUNT_CAP = 10_000;

/**
 * Owns every projection's read-model file under DATA_DIR/read-models: opens the active
 * generation on start (when missing, of an older version or left unfinished, it is filled
 * from zero unsynced while serving what it has, and synced once it has caught up) and feeds every
 * active generation from one reader of the store; rebuilds a fresh generation beside the
 * active one on request (generations being built share a second reader, and are written in
 * building mode), swapping it in once caught up. A generation never swapped in is discarded
 * at the next start.
 */
@Injectable()
export class ProjectionsService
  implements OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown
{
  private readonly logger = new Logger('projections');
  private readonly directory: string;
  private readonly slots = new Map<string, Slot>();
  /** Feeds every active generation. */
  private readonly feed: ProjectionFeed;
  /** Feeds the generations being built, while there are any. */
  private buildingFeed: ProjectionFeed | undefined;
  private stopping = false;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(PROJECTIONS) definitions: readonly ProjectionDefinition[],
    private readonly changes: ReadModelChanges,
  ) {
    this.directory = join(config.dataDir, 'read-models');
    mkdirSync(this.directory, { recursive: true, mode: 0o700 });
    for (const definition of definitions) this.slots.set(definition.name, this.open(definition));
    this.feed = new ProjectionFeed(
      store,
      [...this.slots.values()].map((slot) => slot.active),
    );
  }

  onApplicationBootstrap(): void {
    this.feed.start();
    for (const slot of this.slots.values()) {
      if (slot.active.database.mode === 'filling') void this.serveWhenFilled(slot, slot.active);
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    await Promise.all([this.feed.stop(), this.buildingFeed?.stop()]);
  }

  onApplicationShutdown(): void {
    for (const slot of this.slots.values()) {
      slot.active.database.close();
      slot.building?.runner.database.close();
    }
  }

  names(): string[] {
    return [...this.slots.keys()];
  }

  has(name: string): boolean {
    return this.slots.has(name);
  }

  /** The database queries read: always the active generation's. */
  database(name: string): ProjectionDatabase {
    return this.slot(name).active.database;
  }

  /** Resolves once the projection has applied everything up to `position`. */
  whenCaughtUp(name: string, position: Position, timeoutMs: number): Promise<void> {
    return this.slot(name).active.whenCaughtUp(position, timeoutMs);
  }

  async status(): Promise<ProjectionStatus[]> {
    return Promise.all(
      [...this.slots.entries()].map(async ([name, slot]) => ({
        name,
        position: slot.active.position,
        lag: await this.lagOf(slot.active.position),
        state: slot.active.state,
        lastError: slot.active.error ?? null,
        pausedBy: slot.active.pausedBy ?? null,
        generation: slot.generation,
        rebuilding: slot.building
          ? {
              generation: slot.building.generation,
              position: slot.building.runner.position,
              state: slot.building.runner.state,
              lastError: slot.building.runner.error ?? null,
              pausedBy: slot.building.runner.pausedBy ?? null,
            }
          : null,
      })),
    );
  }

  /**
   * Builds a fresh copy from position zero beside the live one; the live one serves
   * until the copy has caught up with the store's head, then the copy is swapped in.
   */
  rebuild(name: string): { generation: number; alreadyRunning: boolean } {
    const slot = this.slot(name);
    if (slot.building) return { generation: slot.building.generation, alreadyRunning: true };
    const definition = slot.active.database.definition;
    const generation = this.nextGeneration(name, slot.generation);
    const file = this.fileOf(name, generation);
    ProjectionDatabase.remove(file);
    // The copy publishes nothing until it is swapped in.
    const runner = new ProjectionRunner(
      new ProjectionDatabase(file, definition, 'building'),
      (changes) => this.changes.publish(changes),
      null,
    );
    if (this.buildingFeed) {
      this.buildingFeed.add(runner);
    } else {
      this.buildingFeed = new ProjectionFeed(this.store, [runner]);
      this.buildingFeed.start();
    }
    const done = this.swapWhenCaughtUp(slot, runner, generation);
    slot.building = { generation, runner, done };
    return { generation, alreadyRunning: false };
  }

  /** Retries a failed projection from the event it failed on. */
  /** Retries a failed projection's failed event; false when the projection had not failed. */
  retry(name: string): boolean {
    return this.feed.retry(this.slot(name).active);
  }

  deadLetters(name: string) {
    return this.slot(name).active.database.deadLetters();
  }

  /** Resolves when a rebuild in progress (if any) has been swapped in. */
  async rebuilt(name: string): Promise<void> {
    await this.slot(name).building?.done;
  }

  private async swapWhenCaughtUp(slot: Slot, runner: ProjectionRunner, generation: number) {
    const name = runner.name;
    try {
      for (;;) {
        const head = await this.store.headPosition();
        while (!(await reached(runner, head))) {
          if (runner.state === 'failed') throw new Error(runner.error ?? 'rebuild failed');
        }
        if ((await this.store.headPosition()) === head) break;
      }
      // The main feed takes the copy from here; what was written meanwhile it catches up.
      await this.stopBuilding(runner);
      if (runner.state === 'failed') throw new Error(runner.error ?? 'rebuild failed');
      runner.serve();
      // Live feeds see no seam: the serving copy publishes up to where the copy stopped (or
      // further), and the copy publishes only what follows.
      const old = slot.active;
      await reachedOrHalted(old, runner.position);
      runner.publishAfter(old.position);
      slot.active = runner;
      slot.generation = generation;
      writeFileSync(this.markerOf(name), `${generation}\n`);
      this.feed.remove(old);
      this.feed.add(runner);
      old.database.close();
      ProjectionDatabase.remove(old.database.file);
      this.logger.log(`${name}: generation ${generation} rebuilt and swapped in`);
    } catch (error) {
      this.logger.error(`${name}: rebuild of generation ${generation} failed: ${String(error)}`);
      if (slot.active !== runner) {
        await this.stopBuilding(runner);
        runner.database.close();
        ProjectionDatabase.remove(runner.database.file);
      }
    } finally {
      slot.building = undefined;
    }
  }

  /**
   * Turns the generation filled from zero at start into a serving one (synced, WAL) once it
   * has caught up with the store's head; until then it serves what it has, unsynced.
   */
  private async serveWhenFilled(slot: Slot, runner: ProjectionRunner): Promise<void> {
    const pauses = new PauseReports({
      warn: (line) => this.logger.warn(`${runner.name}: generation ${slot.generation}: ${line}`),
    });
    while (!this.stopping && slot.active === runner) {
      try {
        const head = await this.store.headPosition();
        if (!(await reached(runner, head)) || this.stopping || slot.active !== runner) continue;
        runner.serve();
        this.logger.log(`${runner.name}: generation ${slot.generation} built from the start`);
        return;
      } catch (error) {
        pauses.paused('its check of the store’s head', String(error));
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  }

  /** Takes a generation off the building feed, stopping the feed when it feeds no other. */
  private async stopBuilding(runner: ProjectionRunner): Promise<void> {
    const feed = this.buildingFeed;
    if (!feed) return;
    feed.remove(runner);
    if (feed.runners.length > 0) return;
    this.buildingFeed = undefined;
    await feed.stop();
  }

  private open(definition: ProjectionDefinition): Slot {
    const marker = this.markerOf(definition.name);
    let generation = existsSync(marker) ? Number(readFileSync(marker, 'utf8').trim()) || 1 : 1;
    const file = this.fileOf(definition.name, generation);
    const unfinished = ProjectionDatabase.unfinished(file);
    if (unfinished) {
      this.logger.warn(
        `${definition.name}: generation ${generation} was left unfinished; building it again from the start`,
      );
    }
    // A file built from zero (none yet, or of another version) is filled unsynced, then serves.
    const fresh = unfinished || !existsSync(file);
    if (fresh) ProjectionDatabase.remove(file);
    let database = this.openServing(file, definition, fresh);
    if (database.version !== definition.version) {
      this.logger.warn(
        `${definition.name}: read model version ${database.version} is not ${definition.version}; rebuilding from the start`,
      );
      database.close();
      ProjectionDatabase.remove(database.file);
      generation = this.nextGeneration(definition.name, generation);
      const next = this.fileOf(definition.name, generation);
      ProjectionDatabase.remove(next);
      database = new ProjectionDatabase(next, definition, 'filling');
    }
    writeFileSync(marker, `${generation}\n`);
    this.discardOtherGenerations(definition.name, generation);
    const runner = new ProjectionRunner(database, (c) => this.changes.publish(c));
    return { generation, active: runner };
  }

  /**
   * The generation's file, or, when SQLite cannot read it (a damaged disk, a file written over),
   * a new one filled from the start: a read model is derived from the store. The damaged file
   * is set aside beside it (`<file>.damaged-<instant>`) for whoever wants to look at it.
   */
  private openServing(
    file: string,
    definition: ProjectionDefinition,
    fresh: boolean,
  ): ProjectionDatabase {
    try {
      return new ProjectionDatabase(file, definition, fresh ? 'filling' : 'serving');
    } catch (error) {
      if (fresh || !ProjectionDatabase.isDamaged(error)) throw error;
      const aside = `${file}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      renameSync(file, aside);
      ProjectionDatabase.remove(file);
      this.logger.warn(
        `${definition.name}: ${file} is not a database SQLite can read (${String(error)}); set aside as ${aside}, building it again from the start`,
      );
      return new ProjectionDatabase(file, definition, 'filling');
    }
  }

  /** Generations never swapped in (a rebuild the process did not finish) are thrown away. */
  private discardOtherGenerations(name: string, active: number): void {
    const companions = ProjectionDatabase.companionSuffixes.map(escapeRegExp).join('|');
    const pattern = new RegExp(`^${escapeRegExp(name)}\\.(\\d+)\\.sqlite(${companions})?$`);
    for (const entry of readdirSync(this.directory)) {
      const match = pattern.exec(entry);
      if (match && Number(match[1]) !== active)
        rmSync(join(this.directory, entry), { force: true });
    }
  }

  private async lagOf(position: Position): Promise<ProjectionStatus['lag']> {
    let events = 0;
    let oldest: string | undefined;
    // Counted, not read: a damaged event (where a projection pauses) is one more behind.
    for await (const event of this.store.readAll({
      fromPosition: position,
      maxCount: LAG_COUNT_CAP,
      keepDamaged: true,
    })) {
      oldest ??= event.recordedAt;
      events += 1;
    }
    const milliseconds = oldest ? Math.max(0, Date.now() - Date.parse(oldest)) : 0;
    return { events, milliseconds, capped: events === LAG_COUNT_CAP };
  }

  private slot(name: string): Slot {
    const slot = this.slots.get(name);
    if (!slot) throw new Error(`no projection ${name}`);
    return slot;
  }

  private nextGeneration(name: string, current: number): number {
    let generation = current + 1;
    while (existsSync(this.fileOf(name, generation))) generation += 1;
    return generation;
  }

  private fileOf(name: string, generation: number): string {
    return join(this.directory, `${name}.${generation}.sqlite`);
  }

  private markerOf(name: string): string {
    return join(this.directory, `${name}.active`);
  }
}

/** Whether the runner reaches `position` within a second (so that a failure is noticed). */
function reached(runner: ProjectionRunner, position: Position): Promise<boolean> {
  return runner.whenCaughtUp(position, 1000).then(
    () => true,
    (error: unknown) => {
      if (error instanceof CatchUpTimeoutError) return false;
      throw error;
    },
  );
}

/** Resolves once the runner has reached `position`, or at once when it no longer follows. */
async function reachedOrHalted(runner: ProjectionRunner, position: Position): Promise<void> {
  while (runner.following) {
    if (await reached(runner, position)) return;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
