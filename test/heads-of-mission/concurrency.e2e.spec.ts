import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import {
  AS,
  eventsOf,
  eventsOfType,
  listen,
  planMission,
  readMission,
  slowAppends,
} from '../support/http-api.js';
import { headUpTo, LEE, nominate, step, TRACK } from './head-of-mission-api.js';

/**
 * One nominee under way per mission, whatever arrives at once: every nomination is appended to
 * the mission's register with the revision it was decided against, so of many concurrent
 * nominations one is registered and the others are decided again against it and refused.
 */
describe('Concurrent head-of-mission commands', () => {
  let subject: TestApp;

  beforeAll(async () => {
    subject = await startTestApp();
    // supertest sends parallel requests only to a server that already listens.
    await listen(subject.server);
  });
  afterAll(() => subject.dispose());

  it('registers exactly one of 20 concurrent nominations to one mission; the others are refused by the rule', async () => {
    const missionId = await planMission(subject.server, 'Contested Capital');
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        nominate(subject.server, missionId, { ...LEE, name: `Nominee ${i}` }),
      ),
    );

    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([201, ...Array(19).fill(409)]);
    for (const refusal of responses.filter((r) => r.status === 409)) {
      expect(refusal.body.type).toBe('/problems/head-of-mission-already-nominated');
    }
    const winner = responses.find((r) => r.status === 201)!;

    const register = await eventsOf(subject, `heads-of-mission-${missionId}`);
    expect(register.map((e) => [e.type, e.data.headOfMissionId])).toEqual([
      ['NomineeRegistered', winner.body.headOfMissionId],
    ]);
    const nominated = (await eventsOfType(subject, 'HeadOfMissionNominated')).filter(
      (e) => e.data.missionId === missionId,
    );
    expect(nominated.map((e) => e.data.headOfMissionId)).toEqual([winner.body.headOfMissionId]);

    const mission = await readMission(subject, missionId);
    expect(mission.body.headsOfMission).toHaveLength(1);
    expect(mission.body.headOfMission.headOfMissionId).toBe(winner.body.headOfMissionId);
  });

  it('keeps missions apart: concurrent nominations to different missions are all registered', async () => {
    const missionIds = await Promise.all(
      Array.from({ length: 5 }, (_, i) => planMission(subject.server, `Parallel Capital ${i}`)),
    );
    const responses = await Promise.all(
      missionIds.flatMap((missionId) =>
        Array.from({ length: 4 }, (_, i) =>
          nominate(subject.server, missionId, { ...LEE, name: `Nominee ${i}` }),
        ),
      ),
    );
    for (const [index, missionId] of missionIds.entries()) {
      const mine = responses.slice(index * 4, index * 4 + 4).map((r) => r.status);
      expect({ missionId, statuses: mine.sort() }).toEqual({
        missionId,
        statuses: [201, 409, 409, 409],
      });
    }
  });

  it('records each step of a track once when the same step arrives many times at once', async () => {
    const missionId = await planMission(subject.server, 'Hurried Capital');
    const nominated = await nominate(subject.server, missionId).expect(201);
    const { headOfMissionId } = nominated.body;
    const [path, body] = TRACK[0];
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        step(subject.server, missionId, headOfMissionId, path, body),
      ),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([201, ...Array(9).fill(409)]);
    const track = await eventsOf(subject, `head-of-mission-${headOfMissionId}`);
    expect(track.map((e) => e.type)).toEqual(['HeadOfMissionNominated', 'AgrementRequested']);
  });

  it('decides a closure and a head-of-mission step sent at once one after the other, never both on the facts from before', async () => {
    const missionIds = await Promise.all(
      Array.from({ length: 8 }, (_, i) => planMission(subject.server, `Racing Capital ${i}`)),
    );
    const heads = await Promise.all(
      missionIds.map((missionId) => headUpTo(subject.server, missionId, 'copy-of-credentials')),
    );
    // Each append takes a while, as a store under load does: the other command of a pair
    // arrives while the first is still being appended.
    const restore = slowAppends(subject, 25);
    const outcomes = await Promise.all(
      missionIds.map(async (missionId, i) => {
        const close = () =>
          request(subject.server)
            .post(`/api/missions/${missionId}/closure`)
            .set(AS.staff)
            .send({ on: '2025-02-20', reason: 'relations severed' });
        const present = () =>
          step(subject.server, missionId, heads[i], 'credentials', { presentedOn: '2025-02-25' });
        // Half the pairs send the closure first, half the credentials.
        const [closure, credentials] =
          i % 2 === 0
            ? await Promise.all([close(), present()])
            : await Promise.all([present(), close()]).then(([c, p]) => [p, c]);
        return [closure.status, credentials.status].join(' ');
      }),
    );
    // Closed first: the credentials come too late (409). Credentials first: the closure
    // would be dated before them (422). Never both.
    restore();
    for (const outcome of outcomes) expect(['201 409', '422 201']).toContain(outcome);
  });
});
