import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LiveMissionViews } from '../../src/live/live-mission-views.js';
import { missionStatusProjection } from '../../src/missions/read-models/mission-status/mission-status.projection.js';
import { MissionStatusQueries } from '../../src/missions/read-models/mission-status/mission-status.queries.js';
import { ProjectionDatabase } from '../../src/projections/projection-database.js';
import { interleavedLog, recorded } from '../missions/mission-status-log.fixtures.js';
import { dispatched, reestablished } from '../missions/mission.fixtures.js';

const TODAY = '2025-07-01';

describe('Live mission views', () => {
  let dir: string;
  let database: ProjectionDatabase;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'envoy-live-views-'));
    database = new ProjectionDatabase(join(dir, 'mission-status.sqlite'), missionStatusProjection);
  });
  afterEach(() => {
    database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('send, change after change, exactly the JSON of the view a GET answers', () => {
    // Santiago closes, is re-established (lifecycle 2) and dispatches again.
    const base = interleavedLog();
    const restored = reestablished({ missionId: 'kr-cu-santiago' });
    const again = dispatched('d-9', '2025-06-21');
    const log = [
      ...base,
      recorded('mission-kr-cu-santiago', 4, restored.type, restored.data, base.length + 1),
      recorded(
        'mission-kr-cu-santiago',
        5,
        again.type,
        { ...again.data, missionId: 'kr-cu-santiago' },
        base.length + 2,
      ),
    ];
    const handler = missionStatusProjection.bind(database.db);
    const views = new LiveMissionViews();
    const ids = ['kr-cu-havana', 'cu-kr-seoul', 'kr-cu-santiago'];
    for (let start = 0; start < log.length; start += 3) {
      database.db.transaction(() =>
        handler.applyBatch(log.slice(start, start + 3), () => undefined),
      )();
      for (const id of ids) {
        const expected = MissionStatusQueries.get(database.db, id, TODAY);
        const live = views.of(database.db, id, TODAY);
        expect(live?.json).toBe(expected && JSON.stringify(expected));
        expect(live?.view.status).toBe(expected?.status);
      }
    }
  });

  it('has nothing to send for a mission never planned', () => {
    expect(new LiveMissionViews().of(database.db, 'kr-cu-nowhere', TODAY)).toBeUndefined();
  });
});
