import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import {
  AS,
  DIPLOMAT,
  dispatchDiplomat,
  eventsOf,
  listen,
  planMission,
  readMission,
  slowAppends,
  staffedMission,
} from '../support/http-api.js';

/**
 * Commands sent at the same time to one mission, without If-Match, are all decided
 * against the state they find when they append: a node decides one stream's commands one
 * at a time, and a race lost to another node is retried inside the service, so no accepted
 * command ever loses its event. With full durability appends go through the writer thread
 * and take a while, as in production; relaxed ones commit on the spot.
 */
describe.each(['full', 'relaxed'])(
  'Concurrent commands on one mission (durability %s)',
  (durability) => {
    let subject: TestApp;
    const post = (path: string) => request(subject.server).post(path).set(AS.staff);

    beforeAll(async () => {
      subject = await startTestApp({ DURABILITY: durability });
      // supertest sends parallel requests only to a server that already listens.
      await listen(subject.server);
    });
    afterAll(() => subject.dispose());

    it('records all of 50 concurrent dispatches, at contiguous revisions', async () => {
      const missionId = await planMission(subject.server, 'Busy City');
      const responses = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          post(`/api/missions/${missionId}/diplomats`).send({ ...DIPLOMAT, name: `Diplomat ${i}` }),
        ),
      );

      expect(responses.map((r) => r.status)).toEqual(Array(50).fill(201));
      const revisions = responses.map((r) => r.body.revision as number).sort((a, b) => a - b);
      expect(revisions).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      for (const response of responses) {
        expect(response.headers.etag).toBe(`"${response.body.revision}"`);
      }

      const dispatched = (await eventsOf(subject, `mission-${missionId}`)).filter(
        (e) => e.type === 'DiplomatDispatched',
      );
      expect(dispatched).toHaveLength(50);
      expect(new Set(dispatched.map((e) => e.data.diplomatId))).toEqual(
        new Set(responses.map((r) => r.body.diplomatId)),
      );
      expect(new Set(dispatched.map((e) => e.data.name)).size).toBe(50);

      const mission = await readMission(subject, missionId);
      expect(mission.status).toBe(200);
      expect(mission.body.diplomats).toHaveLength(50);
      expect(mission.body.revision).toBe(50);
    });

    it('records all of 50 concurrent dispatches when each append takes a while (no retry budget runs out)', async () => {
      const missionId = await planMission(subject.server, 'Slow Store City');
      const restore = slowAppends(subject, 10);
      const responses = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          post(`/api/missions/${missionId}/diplomats`).send({ ...DIPLOMAT, name: `Diplomat ${i}` }),
        ),
      ).finally(restore);
      expect(responses.map((r) => r.status)).toEqual(Array(50).fill(201));
      const revisions = responses.map((r) => r.body.revision as number).sort((a, b) => a - b);
      expect(revisions).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    });

    it('records concurrent commands of different kinds on one mission', async () => {
      const missionId = await planMission(subject.server, 'Mixed City');
      const diplomatIds = [];
      for (let i = 0; i < 10; i += 1)
        diplomatIds.push(await dispatchDiplomat(subject.server, missionId));

      const responses = await Promise.all([
        ...diplomatIds.map((diplomatId) =>
          post(`/api/missions/${missionId}/diplomats/${diplomatId}/arrival`).send({
            arrivedOn: '2024-06-14',
          }),
        ),
        ...Array.from({ length: 10 }, (_, i) =>
          post(`/api/missions/${missionId}/diplomats`).send({ ...DIPLOMAT, name: `Late ${i}` }),
        ),
      ]);

      expect(responses.map((r) => r.status)).toEqual(Array(20).fill(201));
      const revisions = responses.map((r) => r.body.revision as number).sort((a, b) => a - b);
      expect(revisions).toEqual(Array.from({ length: 20 }, (_, i) => i + 11));
      const events = await eventsOf(subject, `mission-${missionId}`);
      expect(events.filter((e) => e.type === 'DiplomatArrived')).toHaveLength(10);
      expect(events.filter((e) => e.type === 'DiplomatDispatched')).toHaveLength(20);
    });

    it('lets only one of many concurrent embassy openings through; the others are refused by the rule', async () => {
      const missionId = await staffedMission(subject.server, 'Contested City');
      const responses = await Promise.all(
        Array.from({ length: 10 }, () =>
          post(`/api/missions/${missionId}/embassy`).send({ openedOn: '2024-07-01' }),
        ),
      );
      const statuses = responses.map((r) => r.status).sort();
      expect(statuses).toEqual([201, ...Array(9).fill(409)]);
      for (const refusal of responses.filter((r) => r.status === 409)) {
        expect(refusal.body.type).toBe('/problems/embassy-already-open');
      }
      const events = await eventsOf(subject, `mission-${missionId}`);
      expect(events.filter((e) => e.type === 'EmbassyOpened')).toHaveLength(1);
    });

    it('keeps missions apart: concurrent commands on many missions all land on their own streams', async () => {
      const missionIds = await Promise.all(
        Array.from({ length: 5 }, (_, i) => planMission(subject.server, `Parallel City ${i}`)),
      );
      const responses = await Promise.all(
        missionIds.flatMap((missionId) =>
          Array.from({ length: 10 }, (_, i) =>
            post(`/api/missions/${missionId}/diplomats`).send({ ...DIPLOMAT, name: `D ${i}` }),
          ),
        ),
      );
      expect(responses.every((r) => r.status === 201)).toBe(true);
      for (const missionId of missionIds) {
        const events = await eventsOf(subject, `mission-${missionId}`);
        expect(events.map((e) => e.revision)).toEqual(Array.from({ length: 11 }, (_, i) => i));
        expect(events.filter((e) => e.type === 'DiplomatDispatched')).toHaveLength(10);
      }
    });
  },
);
