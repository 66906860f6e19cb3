import { jest } from '@jest/globals';
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { START, type Position } from '../../src/event-store/position.js';
import { MissionFeed, type MissionUpdate } from '../../src/live/mission-feed.js';
import { missionStatusProjection } from '../../src/missions/read-models/mission-status/mission-status.projection.js';
import type { MissionStatusView } from '../../src/missions/read-models/mission-status/mission-status.queries.js';
import { ProjectionDatabase } from '../../src/projections/projection-database.js';
import { recorded } from '../missions/mission-status-log.fixtures.js';
import { planned } from '../missions/mission.fixtures.js';
import { timeoutsFaked } from '../support/fake-clock.js';

/** A socket that takes what is written until told it is full, and drains when told. */
class Socket extends EventEmitter {
  readonly chunks: string[] = [];
  writableNeedDrain = false;
  writableEnded = false;
  destroyed = false;

  write(chunk: string): boolean {
    this.chunks.push(chunk);
    return !this.writableNeedDrain;
  }

  end(): void {
    this.writableEnded = true;
  }

  destroy(): void {
    this.destroyed = true;
    this.emit('close');
  }

  drain(): void {
    this.writableNeedDrain = false;
    this.emit('drain');
  }

  /** The `mission` events written: their id (undefined without one) and mission. */
  missions(): { id: string | undefined; mission: string; diplomats: number }[] {
    return this.chunks
      .filter((chunk) => chunk.includes('event: mission'))
      .map((chunk) => {
        const view = JSON.parse(/data: (.*)\n/.exec(chunk)![1]) as {
          id: string;
          diplomats: number;
        };
        return { id: /^id: (\w+)/.exec(chunk)?.[1], mission: view.id, diplomats: view.diplomats };
      });
  }
}

const position = (n: number): Position => n.toString(16).padStart(32, '0') as Position;

/** Change `n` of a mission: its view with `diplomats` standing for how far it has come. */
function change(n: number | null, mission: string, diplomats: number): MissionUpdate {
  const view = {
    id: mission,
    sendingState: 'FI',
    receivingState: 'EE',
    status: 'opening-team-dispatched',
    overdue: [],
    diplomats,
  } as unknown as MissionStatusView;
  return {
    position: n === null ? null : position(n),
    mission: { view, json: JSON.stringify(view) },
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('A live feed goes at its client’s pace', () => {
  let dir: string;
  let database: ProjectionDatabase;
  let socket: Socket;
  let ended: boolean;
  let feed: MissionFeed;

  /** A feed from the start of the log, unfiltered, onto `on`. */
  const feedOn = (on: Socket, stallMs: number, onEnd: () => void) =>
    new MissionFeed({
      response: on as unknown as ServerResponse,
      after: START,
      filter: {},
      database: () => database.db,
      today: () => '2025-07-01',
      stallMs,
      heartbeatMs: 60_000,
      onEnd,
    });

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'envoy-feed-pace-'));
    database = new ProjectionDatabase(join(dir, 'mission-status.sqlite'), missionStatusProjection);
    socket = new Socket();
    ended = false;
    feed = feedOn(socket, 200, () => (ended = true));
    await feed.start();
  });
  afterEach(() => {
    jest.useRealTimers();
    feed.close('the spec ends', 1000);
    database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given the socket full, when a burst of changes comes, then it waits, keeping only each mission’s latest, and writes them in commit order once the socket drains', async () => {
    timeoutsFaked();
    socket.writableNeedDrain = true;
    feed.deliver([change(1, 'a', 1)]);
    for (let n = 2; n <= 300; n += 1) feed.deliver([change(n, ['a', 'b', 'c'][n % 3], n)]);
    expect(socket.missions()).toEqual([]);
    // Just short of stallMs (200 ms): still waiting.
    jest.advanceTimersByTime(199);
    await tick();
    expect(ended).toBe(false);

    socket.drain();
    await tick();

    expect(socket.missions()).toEqual([
      { id: position(298), mission: 'b', diplomats: 298 },
      { id: position(299), mission: 'c', diplomats: 299 },
      { id: position(300), mission: 'a', diplomats: 300 },
    ]);
    expect(ended).toBe(false);
  });

  it('given a midnight’s changes (without a position) while the socket is full, then they wait their turn too', async () => {
    socket.writableNeedDrain = true;
    feed.deliver([change(1, 'a', 1), change(2, 'b', 1)]);
    feed.deliver([change(null, 'a', 1), change(null, 'c', 1)]);
    socket.drain();
    await tick();
    expect(socket.missions()).toEqual([
      { id: position(2), mission: 'b', diplomats: 1 },
      { id: undefined, mission: 'a', diplomats: 1 },
      { id: undefined, mission: 'c', diplomats: 1 },
    ]);
  });

  it('given a midnight’s re-send while the feed still catches up, then it is sent once the catch-up ends', async () => {
    const missions = Array.from({ length: 250 }, (_, i) => `kr-cu-city-${i}`);
    const handler = missionStatusProjection.bind(database.db);
    database.db.transaction(() =>
      handler.applyBatch(
        missions.map((id, i) =>
          recorded(`mission-${id}`, 0, planned.type, { ...planned.data, missionId: id }, i + 1),
        ),
        () => undefined,
      ),
    )();
    const catchingUp = new Socket();
    catchingUp.writableNeedDrain = true;
    const late = feedOn(catchingUp, 5_000, () => undefined);
    const started = late.start();
    await tick();
    // The first page is written, the second waits on the client: midnight comes meanwhile.
    late.deliver([change(null, 'kr-cu-city-7', 0)]);
    catchingUp.drain();
    await started;
    await tick();
    const sent = catchingUp.missions();
    expect(sent).toHaveLength(251);
    expect(sent.at(-1)).toEqual({ id: undefined, mission: 'kr-cu-city-7', diplomats: 0 });
    late.close('the spec ends', 1000);
  });

  it('given a client that reads nothing, when stallMs passes, then it is told it is too slow and its connection is cut', async () => {
    timeoutsFaked();
    socket.writableNeedDrain = true;
    feed.deliver([change(1, 'a', 1)]);
    jest.advanceTimersByTime(200);
    await tick();
    expect(ended).toBe(true);
    expect(socket.chunks.at(-1)).toMatch(/^retry: 2000\nevent: closing\ndata: .*client too slow/);
    expect(socket.destroyed).toBe(true);
  });
});
