import request from 'supertest';
import {
  AS,
  DIPLOMAT,
  eventsOf,
  expectProblem,
  readMission,
  refused,
} from '../support/http-api.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Revisions of a plan made without a meeting (POST /api/missions on a planned mission): the
 * targets in force apply by agreement date, so an older agreement may be recorded late; its
 * targets are judged on what was in force on its own date.
 */
describe('Revising a mission’s targets with an agreement recorded late', () => {
  let subject: TestApp;
  const nairobi = { sendingState: 'IN', receivingState: 'KE', city: 'Nairobi' };
  const plan = (body: object) =>
    request(subject.server)
      .post('/api/missions')
      .set(AS.staff)
      .send({ ...nairobi, ...body });

  beforeAll(async () => {
    subject = await startTestApp();
  });
  afterAll(() => subject.dispose());

  it('refuses an embassy target before the temporary-office target in force on its date, though a later agreement overrides it', async () => {
    await plan({ agreedOn: '2025-07-01', targets: { temporaryOfficeBy: '2026-06-30' } }).expect(
      201,
    );
    await plan({ agreedOn: '2025-08-01', targets: { embassyBy: '2027-01-31' } }).expect(200);
    const before = await eventsOf(subject, 'mission-in-ke-nairobi');

    for (const agreedOn of ['2025-07-15', '2025-09-01']) {
      const refusal = await refused(subject, () =>
        plan({ agreedOn, targets: { embassyBy: '2026-01-31' } }),
      );
      expectProblem(refusal, 422, '/problems/targets-out-of-order');
    }

    // In order on its date, and overridden since: recorded, as what was agreed then; the
    // targets in force now stay as the later agreement set them.
    const late = await plan({ agreedOn: '2025-07-15', targets: { embassyBy: '2026-12-31' } });
    expect(late.status).toBe(200);
    expect(late.body.revision).toBe(before.length);
    const replay = await request(subject.server)
      .get('/api/missions/in-ke-nairobi/replay')
      .query({ occurredBy: '2025-07-20' })
      .set(AS.auditor)
      .expect(200);
    expect(replay.body.mission.targets.embassyBy).toBe('2026-12-31');
    const now = await request(subject.server)
      .get('/api/missions/in-ke-nairobi')
      .set(AS.viewer)
      .expect(200);
    expect(now.body.targets.embassyBy).toBe('2027-01-31');

    // The same again changes nothing: nothing more is recorded.
    const repeated = await plan({ agreedOn: '2025-07-15', targets: { embassyBy: '2026-12-31' } });
    expect(repeated.body.revision).toBe(before.length);
  });

  it('records an agreement found to predate the recorded one, without targets: it moves agreedOn back and admits what it was agreed for', async () => {
    const arequipa = { sendingState: 'KR', receivingState: 'PE', city: 'Arequipa' };
    const planArequipa = (agreedOn: string) =>
      request(subject.server)
        .post('/api/missions')
        .set(AS.staff)
        .send({ ...arequipa, agreedOn });
    const dispatch = () =>
      request(subject.server)
        .post('/api/missions/kr-pe-arequipa/diplomats')
        .set(AS.staff)
        .send({ ...DIPLOMAT, dispatchedOn: '2021-03-01' });
    await planArequipa('2024-04-27').expect(201);
    expectProblem(await refused(subject, dispatch), 422, '/problems/date-before-agreement');

    // A later agreement that changes no target records nothing; the earlier one is recorded.
    const later = await planArequipa('2024-05-27').expect(200);
    const earlier = await planArequipa('2021-03-01').expect(200);
    expect(earlier.body.revision).toBe(later.body.revision + 1);
    const events = await eventsOf(subject, 'mission-kr-pe-arequipa');
    expect(events.at(-1)).toMatchObject({
      type: 'MissionPlanRevised',
      data: { agreedOn: '2021-03-01', targets: { temporaryOfficeBy: null, embassyBy: null } },
    });
    expect((await readMission(subject, 'kr-pe-arequipa')).body.agreedOn).toBe('2021-03-01');
    await dispatch().expect(201);
  });
});
