import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordedEvent } from '../../src/event-store/event-store.port.js';
import { diplomatsOf } from '../../src/missions/read-models/mission-status/mission-diplomats.js';
import { missionStatusProjection } from '../../src/missions/read-models/mission-status/mission-status.projection.js';
import {
  MissionStatusQueries,
  type MissionStatusView,
} from '../../src/missions/read-models/mission-status/mission-status.queries.js';
import { ProjectionDatabase } from '../../src/projections/projection-database.js';
import { ProjectionRunner } from '../../src/projections/projection-runner.js';
import { interleavedLog } from './mission-status-log.fixtures.js';

const TODAY = '2025-07-01';

describe('The mission status projection', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'envoy-mission-status-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Applies the log in batches of `size`, each in its own transaction; answers every mission. */
  function missionsAfter(log: readonly RecordedEvent[], size: number): MissionStatusView[] {
    const database = new ProjectionDatabase(
      join(dir, `batches-of-${size}.sqlite`),
      missionStatusProjection,
    );
    try {
      const handler = missionStatusProjection.bind(database.db);
      const apply = database.db.transaction((batch: readonly RecordedEvent[]) =>
        handler.applyBatch(batch, () => undefined),
      );
      for (let start = 0; start < log.length; start += size) apply(log.slice(start, start + size));
      return MissionStatusQueries.list(database.db, {}, { limit: 100, offset: 0 }, TODAY).missions;
    } finally {
      database.close();
    }
  }

  it('reads the same whether the log is applied one event at a time or folded in batches', () => {
    const log = interleavedLog();
    const oneByOne = missionsAfter(log, 1);
    expect(missionsAfter(log, 4)).toEqual(oneByOne);
    expect(missionsAfter(log, log.length)).toEqual(oneByOne);
  });

  it('shows every mission as its events say, its status counting the diplomats of its timeline', () => {
    const missions = missionsAfter(interleavedLog(), 5);
    const byId = Object.fromEntries(missions.map((m) => [m.id, m]));
    expect(byId['kr-cu-havana']).toMatchObject({
      status: 'embassy-open',
      revision: 6,
      diplomats: [
        expect.objectContaining({ diplomatId: 'd-1', arrivedOn: '2024-06-15' }),
        expect.objectContaining({ diplomatId: 'd-2', arrivedOn: '2024-06-20' }),
      ],
    });
    expect(byId['cu-kr-seoul']).toMatchObject({ status: 'opening-team-on-post', revision: 4 });
    expect(byId['cu-kr-seoul'].headsOfMission).toHaveLength(1);
    expect(byId['kr-cu-santiago']).toMatchObject({ status: 'closed', revision: 3 });
    for (const mission of missions) {
      expect(mission.milestones.map((m) => m.revision)).toEqual(
        mission.milestones.map((_, revision) => revision),
      );
      expect(mission.diplomats).toEqual(diplomatsOf(mission.milestones));
      expect(mission.position).toBe(
        [
          ...mission.milestones.map((m) => m.position),
          ...mission.headOfMissionMilestones.map((m) => m.position),
        ]
          .sort()
          .at(-1),
      );
    }
  });

  it('reads the same when built beside the live copy, holding rows back until it serves', () => {
    // The plans, then the first dispatches: only counted in memory while building.
    const log = interleavedLog().slice(0, 6);
    const served = missionsAfter(log, 1);
    const database = new ProjectionDatabase(
      join(dir, 'building.sqlite'),
      missionStatusProjection,
      'building',
    );
    const runner = new ProjectionRunner(database, () => undefined, null);
    try {
      for (const event of log) runner.apply([event]);
      // A dispatch or an arrival is only counted in memory so far: the file lags behind.
      const missions = () =>
        MissionStatusQueries.list(database.db, {}, { limit: 100, offset: 0 }, TODAY).missions;
      const revisions = (views: MissionStatusView[]) => views.reduce((n, m) => n + m.revision, 0);
      const beforeServing = revisions(missions());
      runner.serve();
      const serving = missions();
      expect(revisions(serving)).toBeGreaterThan(beforeServing);
      expect(serving).toEqual(served);
    } finally {
      database.close();
    }
  });

  it('puts back what a rolled-back batch held back, so nothing is lost or counted twice', () => {
    const log = interleavedLog();
    const served = missionsAfter(log, 1);
    const database = new ProjectionDatabase(
      join(dir, 'rolled-back.sqlite'),
      missionStatusProjection,
      'building',
    );
    const handler = missionStatusProjection.bind(database.db, { building: () => true });
    const apply = database.db.transaction((batch: readonly RecordedEvent[], fail: boolean) => {
      handler.applyBatch(batch, () => undefined);
      if (fail) throw new Error('the disk is full');
    });
    try {
      for (let start = 0; start < log.length; start += 2) {
        const batch = log.slice(start, start + 2);
        expect(() => apply(batch, true)).toThrow('the disk is full');
        handler.discard?.();
        apply(batch, false);
      }
      database.db.transaction(() => handler.flush?.())();
      expect(
        MissionStatusQueries.list(database.db, {}, { limit: 100, offset: 0 }, TODAY).missions,
      ).toEqual(served);
    } finally {
      database.close();
    }
  });

  it('lists by status from the counted diplomats', () => {
    const log = interleavedLog();
    const database = new ProjectionDatabase(join(dir, 'status.sqlite'), missionStatusProjection);
    try {
      const handler = missionStatusProjection.bind(database.db);
      database.db.transaction(() => handler.applyBatch(log, () => undefined))();
      const onPost = MissionStatusQueries.list(
        database.db,
        { status: 'opening-team-on-post' },
        { limit: 10, offset: 0 },
        TODAY,
      );
      expect(onPost.missions.map((m) => m.id)).toEqual(['cu-kr-seoul']);
    } finally {
      database.close();
    }
  });
});
