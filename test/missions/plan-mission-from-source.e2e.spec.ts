import request from 'supertest';
import { AS, expectProblem, refused } from '../support/http-api.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * A plan that cites a meeting agrees what that meeting agreed: it is not dated before the
 * meeting, and it carries the targets the outcome set for the mission (POST /api/missions with
 * a `source`).
 */
describe('Planning a mission from a source meeting', () => {
  let subject: TestApp;
  const post = (path: string) => request(subject.server).post(path).set(AS.staff);
  const asuncion = { sendingState: 'UY', receivingState: 'PY', city: 'Asunción' };
  /** Records the meeting, and waits until the missions it calls for are planned from it. */
  const meeting = async (heldOn: string, targets: object) => {
    const held = await post('/api/meetings')
      .send({
        title: `Uruguay–Paraguay talks of ${heldOn}`,
        heldOn,
        parties: ['UY', 'PY'],
        outcomes: [
          {
            kind: 'establish-missions',
            summary: 'Open missions',
            missions: [{ ...asuncion, targets }],
          },
        ],
      })
      .expect(201);
    await request(subject.server)
      .get('/api/missions/uy-py-asuncion')
      .query({ minPosition: held.body.position })
      .set(AS.viewer)
      .expect(200);
    return held;
  };

  beforeAll(async () => {
    subject = await startTestApp();
  });
  afterAll(() => subject.dispose());

  it('refuses an agreement dated before the meeting, or targets other than the ones it set', async () => {
    const held = await meeting('2021-05-01', { embassyBy: '2030-01-01' });
    const source = { meetingId: held.body.meetingId, outcomeId: 'outcome-1' };

    const early = await refused(subject, () =>
      post('/api/missions').send({ ...asuncion, agreedOn: '2019-01-01', source }),
    );
    expectProblem(early, 422, '/problems/agreement-before-source');
    expect(early.body.detail).toMatch(/2021-05-01/);

    const other = await refused(subject, () =>
      post('/api/missions').send({ ...asuncion, targets: { embassyBy: '2019-02-01' }, source }),
    );
    expectProblem(other, 422, '/problems/targets-differ-from-source');

    // The same agreement again (its own targets, or none stated) records nothing.
    await post('/api/missions')
      .send({ ...asuncion, targets: { embassyBy: '2030-01-01' }, source })
      .expect(200);
    await post('/api/missions')
      .send({ ...asuncion, source })
      .expect(200);
  });

  it('carries the outcome’s targets when the plan states none, so it is refused as the meeting’s own plan was', async () => {
    // Recorded later but held earlier: its temporary-office target falls after the embassy
    // target already agreed, so the meeting could not plan the mission.
    const earlier = await meeting('2021-01-01', { temporaryOfficeBy: '2030-06-01' });
    expect(earlier.body.missionsNotPlanned).toEqual([
      expect.objectContaining({ missionId: 'uy-py-asuncion', rule: 'targets-out-of-order' }),
    ]);
    // The meeting's view shows it did not plan the mission, with none of the mission's progress.
    const view = await request(subject.server)
      .get(`/api/meetings/${earlier.body.meetingId}`)
      .set(AS.viewer)
      .expect(200);
    expect(view.body.outcomes[0]).toMatchObject({
      fulfilled: false,
      missions: [
        { missionId: 'uy-py-asuncion', status: 'not-planned', lifecycle: null, overdue: [] },
      ],
    });
    const source = { meetingId: earlier.body.meetingId, outcomeId: 'outcome-1' };
    const linked = await refused(subject, () =>
      post('/api/missions').send({ ...asuncion, source }),
    );
    expectProblem(linked, 422, '/problems/targets-out-of-order');
  });

  it('records a target the outcome left open when the mission is already linked to it, and nothing when it is stated again', async () => {
    const oslo = { sendingState: 'CL', receivingState: 'NO', city: 'Oslo' };
    const held = await post('/api/meetings')
      .send({
        title: 'Chile–Norway talks',
        heldOn: '2025-01-10',
        parties: ['CL', 'NO'],
        outcomes: [{ kind: 'establish-missions', summary: 'Open missions', missions: [oslo] }],
      })
      .expect(201);
    const view = (minPosition: string) =>
      request(subject.server)
        .get('/api/missions/cl-no-oslo')
        .query({ minPosition })
        .set(AS.viewer)
        .expect(200);
    const planned = await view(held.body.position);
    expect(planned.body).toMatchObject({
      revision: 0,
      targets: { temporaryOfficeBy: null, embassyBy: null },
    });
    const source = { meetingId: held.body.meetingId, outcomeId: 'outcome-1' };
    const restated = { ...oslo, source, targets: { embassyBy: '2025-12-31' } };

    const stated = await post('/api/missions').send(restated).expect(200);
    expect(stated.body.revision).toBe(1);
    const revised = await view(stated.body.position);
    expect(revised.body).toMatchObject({
      agreedOn: '2025-01-10',
      targets: { temporaryOfficeBy: null, embassyBy: '2025-12-31' },
      sources: [source],
    });

    const again = await post('/api/missions').send(restated).expect(200);
    expect(again.body.revision).toBe(1);
  });
});
