import { join } from 'node:path';
import Database from 'better-sqlite3';
import request from 'supertest';
import { AS, dispatchDiplomat, expectProblem, planMission, refused } from '../support/http-api.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const DAMAGED = '/problems/stored-event-damaged';

/**
 * An event whose stored JSON was damaged after it was recorded (a disk fault, a hand edit):
 * the service names it wherever a request must read it, and an auditor's listings show it in
 * place; nothing is a bare 500, and nothing is written past it.
 */
describe('Given an event stored damaged (its data no longer JSON)', () => {
  let subject: TestApp;
  let missionId: string;

  beforeAll(async () => {
    const first = await startTestApp();
    missionId = await planMission(first.server, 'Damaged City');
    await dispatchDiplomat(first.server, missionId);
    await first.stop();
    const db = new Database(join(first.dataDir, 'events.sqlite'));
    try {
      db.prepare(
        'UPDATE events SET data = substr(data, 1, 20) WHERE stream = ? AND revision = 1',
      ).run(`mission-${missionId}`);
    } finally {
      db.close();
    }
    subject = await startTestApp({}, first.dataDir);
  });
  afterAll(() => subject.dispose());

  const storedEvents = (): number => {
    const db = new Database(join(subject.dataDir, 'events.sqlite'), { readonly: true });
    try {
      return (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
    } finally {
      db.close();
    }
  };

  const expectNamed = (response: request.Response) => {
    const body = expectProblem(response, 500, DAMAGED);
    expect(body).toMatchObject({
      stream: `mission-${missionId}`,
      revision: 1,
      position: expect.stringMatching(/^[0-9a-f]{32}$/),
      detail: expect.stringContaining(`event 1 of mission-${missionId} damaged`),
    });
    expect(body.detail).toContain('its data is not valid JSON');
  };

  it('when staff record a milestone on its mission, then the answer names the damaged event and nothing is appended', async () => {
    const before = storedEvents();
    const response = await refused(subject, () =>
      request(subject.server)
        .post(`/api/missions/${missionId}/suspension`)
        .set(AS.staff)
        .send({ on: '2024-07-01', reason: 'Security situation' }),
    );
    expectNamed(response);
    expect(storedEvents()).toBe(before);
  });

  it('when an auditor replays the mission, then the answer names the damaged event', async () => {
    expectNamed(
      await request(subject.server)
        .get(`/api/missions/${missionId}/replay`)
        .query({ revision: 1 })
        .set(AS.auditor),
    );
  });

  it('when an auditor exports the log, then the answer names the damaged event', async () => {
    expectNamed(await request(subject.server).get('/api/events/export').set(AS.auditor));
  });

  it('when an auditor reads the mission’s history, then the damaged event is listed in place, saying what does not parse', async () => {
    const response = await request(subject.server)
      .get(`/api/missions/${missionId}/history`)
      .set(AS.auditor)
      .expect(200);
    const events = response.body.events as Record<string, unknown>[];
    expect(events.map((e) => [e.revision, e.type])).toEqual([
      [0, 'MissionPlanned'],
      [1, 'DiplomatDispatched'],
    ]);
    expect(events[0]).not.toHaveProperty('damaged');
    expect(events[1]).toMatchObject({
      damaged: expect.stringContaining('its data is not valid JSON'),
      data: {},
    });
  });

  it('when an auditor lists the events log, then the damaged event is listed in place', async () => {
    const response = await request(subject.server)
      .get('/api/events')
      .query({ stream: `mission-${missionId}` })
      .set(AS.auditor)
      .expect(200);
    const events = response.body.events as Record<string, unknown>[];
    expect(events.filter((e) => e.damaged !== undefined).map((e) => e.revision)).toEqual([1]);
  });

  it('when the mission is read, then its read model (built before the damage) still answers', async () => {
    const response = await request(subject.server)
      .get(`/api/missions/${missionId}`)
      .set(AS.viewer)
      .expect(200);
    expect(response.body).toMatchObject({ id: missionId, revision: 1 });
  });

  it('when another mission is changed, then it is recorded as usual', async () => {
    const other = await planMission(subject.server, 'Undamaged City');
    await dispatchDiplomat(subject.server, other);
  });
});
