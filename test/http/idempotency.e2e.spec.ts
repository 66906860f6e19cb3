import { jest } from '@jest/globals';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { IdempotencyRecords } from '../../src/idempotency/idempotency-records.js';
import { PlanMissionsFromMeetings } from '../../src/missions/meeting-outcomes/plan-missions-from-meetings.js';
import { ROK_CUBA_MEETING } from '../support/rok-cuba.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import {
  AS,
  DIPLOMAT,
  eventsOf,
  eventsOfType,
  expectProblem,
  listen,
  planMission,
  refused,
  slowAppends,
  staffedMission,
} from '../support/http-api.js';
import { keptOnDisk } from '../support/kept-on-disk.js';

/**
 * Idempotency-Key on every POST: the first answer to a caller's key is the answer to
 * every retry of the same request, and nothing new is recorded; the same key with another
 * request is a 422. Keys survive a restart.
 */
describe('Idempotency-Key', () => {
  let subject: TestApp;
  const post = (path: string, key: string) =>
    request(subject.server).post(path).set(AS.staff).set('Idempotency-Key', key);
  const dispatchedWith = async (missionId: string, key: string) =>
    (await eventsOf(subject, `mission-${missionId}`)).filter(
      (e) => e.type === 'DiplomatDispatched' && e.metadata.idempotencyKey === key,
    );

  beforeAll(async () => {
    subject = await startTestApp();
    // supertest sends parallel requests only to a server that already listens.
    await listen(subject.server);
  });
  afterAll(() => subject.dispose());

  it('answers a retry with the first response and records the event once', async () => {
    const missionId = await planMission(subject.server, 'Retry City');
    const first = await post(`/api/missions/${missionId}/diplomats`, 'dispatch-1')
      .send(DIPLOMAT)
      .expect(201);

    const retry = await refused(subject, () =>
      post(`/api/missions/${missionId}/diplomats`, 'dispatch-1').send(DIPLOMAT),
    );
    expect(retry.status).toBe(first.status);
    expect(retry.text).toBe(first.text);
    expect(retry.headers['content-type']).toBe(first.headers['content-type']);
    expect(retry.headers.location).toBe(first.headers.location);
    expect(retry.headers.etag).toBe(first.headers.etag);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(await dispatchedWith(missionId, 'dispatch-1')).toHaveLength(1);
  });

  it('treats the same body with its keys in another order as the same request', async () => {
    const missionId = await planMission(subject.server, 'Key Order City');
    const first = await post(`/api/missions/${missionId}/diplomats`, 'dispatch-order')
      .send(DIPLOMAT)
      .expect(201);
    const reordered = Object.fromEntries(Object.entries(DIPLOMAT).reverse());
    const retry = await post(`/api/missions/${missionId}/diplomats`, 'dispatch-order')
      .send(reordered)
      .expect(201);
    expect(retry.body).toEqual(first.body);
    expect(await dispatchedWith(missionId, 'dispatch-order')).toHaveLength(1);
  });

  it('treats the same path in another case as the same request', async () => {
    const missionId = await planMission(subject.server, 'Path Case City');
    const first = await post(`/api/missions/${missionId}/diplomats`, 'dispatch-case')
      .send(DIPLOMAT)
      .expect(201);
    const retry = await post(`/api/missions/${missionId.toUpperCase()}/diplomats`, 'dispatch-case')
      .send(DIPLOMAT)
      .expect(201);
    expect(retry.body).toEqual(first.body);
    expect(await dispatchedWith(missionId, 'dispatch-case')).toHaveLength(1);
  });

  it('refuses the same key with a different body with 422 and records nothing', async () => {
    const missionId = await planMission(subject.server, 'Reuse City');
    await post(`/api/missions/${missionId}/diplomats`, 'dispatch-reuse').send(DIPLOMAT).expect(201);
    const response = await refused(subject, () =>
      post(`/api/missions/${missionId}/diplomats`, 'dispatch-reuse').send({
        ...DIPLOMAT,
        name: 'Another diplomat',
      }),
    );
    expectProblem(response, 422, '/problems/idempotency-key-reused');
    expect(await dispatchedWith(missionId, 'dispatch-reuse')).toHaveLength(1);
  });

  it('refuses the same key on another route with 422', async () => {
    const missionId = await staffedMission(subject.server, 'Other Route City');
    await post(`/api/missions/${missionId}/temporary-office`, 'route-key')
      .send({ openedOn: '2024-06-20' })
      .expect(201);
    const response = await refused(subject, () =>
      post(`/api/missions/${missionId}/embassy`, 'route-key').send({ openedOn: '2024-06-20' }),
    );
    expectProblem(response, 422, '/problems/idempotency-key-reused');
  });

  it("keeps each caller's keys apart", async () => {
    const missionId = await planMission(subject.server, 'Two Callers City');
    const byStaff = await post(`/api/missions/${missionId}/diplomats`, 'shared-key')
      .send(DIPLOMAT)
      .expect(201);
    const byAdmin = await request(subject.server)
      .post(`/api/missions/${missionId}/diplomats`)
      .set(AS.admin)
      .set('Idempotency-Key', 'shared-key')
      .send({ ...DIPLOMAT, name: 'Admin diplomat' })
      .expect(201);
    expect(byAdmin.body.diplomatId).not.toBe(byStaff.body.diplomatId);
    expect(await dispatchedWith(missionId, 'shared-key')).toHaveLength(2);
  });

  it('answers a retry of a refused request with the same refusal, even once it would succeed', async () => {
    const missionId = await planMission(subject.server, 'Refusal Replay City');
    const embassy = (key: string) =>
      post(`/api/missions/${missionId}/embassy`, key).send({ openedOn: '2024-07-01' });
    const first = await refused(subject, () => embassy('embassy-early'));
    expectProblem(first, 409, '/problems/nobody-on-post');

    const diplomat = await post(`/api/missions/${missionId}/diplomats`, 'for-refusal')
      .send(DIPLOMAT)
      .expect(201);
    await post(
      `/api/missions/${missionId}/diplomats/${diplomat.body.diplomatId}/arrival`,
      'for-refusal-arrival',
    )
      .send({ arrivedOn: '2024-06-14' })
      .expect(201);

    const retry = await refused(subject, () => embassy('embassy-early'));
    expect(retry.status).toBe(409);
    expect(retry.body).toEqual(first.body);
    await embassy('embassy-later').expect(201);
  });

  it('decides a retry with a fresh If-Match again: a stale If-Match (412) does not spend the key', async () => {
    const missionId = await planMission(subject.server, 'Stale Precondition City');
    const dispatch = (ifMatch?: string) => {
      const test = post(`/api/missions/${missionId}/diplomats`, 'after-stale-if-match');
      return (ifMatch === undefined ? test : test.set('If-Match', ifMatch)).send(DIPLOMAT);
    };
    expectProblem(await refused(subject, () => dispatch('"7"')), 412, '/problems/stale-revision');
    const fresh = await dispatch('"0"').expect(201);
    expect(fresh.body.revision).toBe(1);
    const again = await dispatch('"0"').expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(fresh.body);
    expect(await dispatchedWith(missionId, 'after-stale-if-match')).toHaveLength(1);
  });

  it('gives copies of a keyed request sent together the first one’s answer, even when the mission changes in between', async () => {
    const missionId = await staffedMission(subject.server, 'Busy Copies City');
    const plain = (path: string, body: object) =>
      request(subject.server).post(`/api/missions/${missionId}/${path}`).set(AS.staff).send(body);
    const copy = () =>
      post(`/api/missions/${missionId}/diplomats`, 'copies-sent-together').send(DIPLOMAT);
    const restore = slowAppends(subject, 10);
    const [, first, , second] = await Promise.all([
      plain('suspension', { on: '2024-07-01', reason: 'Ordered departure' }),
      copy(),
      plain('resumption', { on: '2024-07-02' }),
      copy(),
    ]).finally(restore);
    expect(second.status).toBe(first.status);
    expect(second.body).toEqual(first.body);
    expect(await dispatchedWith(missionId, 'copies-sent-together')).toHaveLength(
      first.status === 201 ? 1 : 0,
    );
  });

  it('does not spend a key on a request refused as invalid', async () => {
    const missionId = await planMission(subject.server, 'Invalid First City');
    await post(`/api/missions/${missionId}/diplomats`, 'fix-and-retry')
      .send({ ...DIPLOMAT, dispatchedOn: '2024-02-30' })
      .expect(400);
    await post(`/api/missions/${missionId}/diplomats`, 'fix-and-retry').send(DIPLOMAT).expect(201);
    expect(await dispatchedWith(missionId, 'fix-and-retry')).toHaveLength(1);
  });

  it('answers an idempotent plan that changed nothing with the same 200', async () => {
    await planMission(subject.server, 'Plan Twice City');
    const body = {
      sendingState: 'KR',
      receivingState: 'CU',
      city: 'Plan Twice City',
      agreedOn: '2024-06-12',
    };
    const first = await post('/api/missions', 'plan-again').send(body).expect(200);
    const retry = await post('/api/missions', 'plan-again').send(body).expect(200);
    expect(retry.body).toEqual(first.body);
  });

  it('writes an answer that recorded no event to disk before it is sent, as no event keeps its key', async () => {
    const records = subject.app.get(IdempotencyRecords);
    const file = join(subject.dataDir, 'idempotency.sqlite');
    const onDiskWhenSaved: Record<string, boolean> = {};
    const saveNow = records.saveNow.bind(records);
    const spy = jest.spyOn(records, 'saveNow').mockImplementation((record) => {
      saveNow(record);
      onDiskWhenSaved[record.key] = keptOnDisk(file, record.actor, record.key);
    });
    try {
      const missionId = await planMission(subject.server, 'Kept On Disk City');
      await post(`/api/missions/${missionId}/resumption`, 'refused-on-disk')
        .send({ on: '2024-08-01' })
        .expect(409);
      const plan = { sendingState: 'KR', receivingState: 'CU', city: 'Kept On Disk City' };
      await post('/api/missions', 'unchanged-on-disk')
        .send({ ...plan, agreedOn: '2024-06-12' })
        .expect(200);
      await post(`/api/missions/${missionId}/diplomats`, 'recorded-by-its-event')
        .send(DIPLOMAT)
        .expect(201);
    } finally {
      spy.mockRestore();
    }

    expect(onDiskWhenSaved).toEqual({ 'refused-on-disk': true, 'unchanged-on-disk': true });
  });

  it('writes the answer of a command that recorded events before it is sent, so the key is known after a kill whatever mission it names', async () => {
    const records = subject.app.get(IdempotencyRecords);
    const file = join(subject.dataDir, 'idempotency.sqlite');
    const onDiskWhenSent: Record<string, boolean> = {};
    const save = records.save.bind(records);
    const spy = jest.spyOn(records, 'save').mockImplementation((record, written) => {
      save(record, () => {
        onDiskWhenSent[record.key] = keptOnDisk(file, record.actor, record.key);
        written?.();
      });
    });
    try {
      const missionId = await planMission(subject.server, 'Written Before Sent City');
      const sent = await Promise.all(
        ['first', 'second', 'third'].map((n) =>
          post(`/api/missions/${missionId}/diplomats`, `written-before-sent-${n}`)
            .send({ ...DIPLOMAT, name: `Diplomat ${n}` })
            .expect(201),
        ),
      );
      expect(new Set(sent.map((r) => r.body.diplomatId)).size).toBe(3);
    } finally {
      spy.mockRestore();
    }

    expect(onDiskWhenSent).toEqual({
      'written-before-sent-first': true,
      'written-before-sent-second': true,
      'written-before-sent-third': true,
    });
  });

  it('records once when two requests with the same key race', async () => {
    const missionId = await planMission(subject.server, 'Race Key City');
    const send = () => post(`/api/missions/${missionId}/diplomats`, 'racing-key').send(DIPLOMAT);
    const responses = await Promise.all([send(), send(), send(), send(), send()]);
    for (const response of responses) {
      expect(response.status).toBe(201);
      expect(response.body).toEqual(responses[0].body);
    }
    expect(await dispatchedWith(missionId, 'racing-key')).toHaveLength(1);
  });

  it('records one meeting, and plans its missions once, for a keyed POST /api/meetings sent twice', async () => {
    const meeting = { ...ROK_CUBA_MEETING, title: 'Keyed meeting' };
    const first = await post('/api/meetings', 'meeting-key').send(meeting).expect(201);
    const retry = await post('/api/meetings', 'meeting-key').send(meeting).expect(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.location).toBe(first.headers.location);

    const recorded = (await eventsOfType(subject, 'MeetingRecorded')).filter(
      (e) => e.metadata.idempotencyKey === 'meeting-key',
    );
    expect(recorded).toHaveLength(1);
    expect(recorded[0].data.meetingId).toBe(first.body.meetingId);

    await subject.app.get(PlanMissionsFromMeetings).whenCaughtUp(first.body.position);
    const havana = await eventsOf(subject, 'mission-kr-cu-havana');
    expect(havana.filter((e) => e.type === 'MissionPlanned')).toHaveLength(1);
  });

  describe('across a restart', () => {
    const apps: TestApp[] = [];
    /** Starts the app, in a fresh DATA_DIR or again in a given one. */
    const start = async (dataDir?: string) => {
      const app = await startTestApp({}, dataDir);
      apps.push(app);
      return app;
    };
    afterEach(async () => {
      for (const app of apps.splice(0).reverse()) await app.dispose();
    });

    it('answers a retry after a restart with the first response, still recording once', async () => {
      const first = await start();
      const missionId = await planMission(first.server, 'Restart City');
      const dispatch = (app: TestApp, body: object = DIPLOMAT) =>
        request(app.server)
          .post(`/api/missions/${missionId}/diplomats`)
          .set(AS.staff)
          .set('Idempotency-Key', 'survives-restart')
          .send(body);
      const original = await dispatch(first).expect(201);
      await first.stop();

      const restarted = await start(first.dataDir);
      const retry = await refused(restarted, () => dispatch(restarted));
      expect(retry.status).toBe(201);
      expect(retry.body).toEqual(original.body);
      expect(retry.headers.etag).toBe(original.headers.etag);
      expect(retry.headers.location).toBe(original.headers.location);

      const reused = await refused(restarted, () =>
        dispatch(restarted, { ...DIPLOMAT, name: 'Someone else' }),
      );
      expectProblem(reused, 422, '/problems/idempotency-key-reused');
      const events = await eventsOf(restarted, `mission-${missionId}`);
      expect(events.filter((e) => e.type === 'DiplomatDispatched')).toHaveLength(1);
    });

    it('answers a retry of a refusal after a restart with the same refusal', async () => {
      const first = await start();
      const missionId = await planMission(first.server, 'Restart Refusal City');
      const embassy = (app: TestApp) =>
        request(app.server)
          .post(`/api/missions/${missionId}/embassy`)
          .set(AS.staff)
          .set('Idempotency-Key', 'refusal-survives-restart')
          .send({ openedOn: '2024-07-01' });
      const original = await embassy(first).expect(409);
      await first.stop();

      const restarted = await start(first.dataDir);
      const retry = await refused(restarted, () => embassy(restarted));
      expect(retry.status).toBe(409);
      expect(retry.body).toEqual(original.body);
    });

    it('finds the events a key recorded even when the recorded answer was lost', async () => {
      const first = await start();
      const missionId = await planMission(first.server, 'Lost Answer City');
      const dispatch = (app: TestApp) =>
        request(app.server)
          .post(`/api/missions/${missionId}/diplomats`)
          .set(AS.staff)
          .set('Idempotency-Key', 'lost-answer')
          .send(DIPLOMAT);
      const original = await dispatch(first).expect(201);
      await first.stop();
      // A crash between appending the events and recording the answer loses the answer.
      for (const file of readdirSync(first.dataDir).filter((f) => f.startsWith('idempotency'))) {
        rmSync(join(first.dataDir, file));
      }

      const restarted = await start(first.dataDir);
      const retry = await refused(restarted, () => dispatch(restarted));
      expect(retry.status).toBe(201);
      expect(retry.body).toEqual(original.body);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      const events = await eventsOf(restarted, `mission-${missionId}`);
      expect(events.filter((e) => e.type === 'DiplomatDispatched')).toHaveLength(1);
    });

    it('refuses the key of a lost answer sent with another request for another mission, and still replays the first', async () => {
      const first = await start();
      const havana = await planMission(first.server, 'Lost Key Havana');
      const other = await planMission(first.server, 'Lost Key Other');
      const dispatch = (app: TestApp, missionId: string, name: string) =>
        request(app.server)
          .post(`/api/missions/${missionId}/diplomats`)
          .set(AS.staff)
          .set('Idempotency-Key', 'lost-answer-reused')
          .send({ ...DIPLOMAT, name });
      const original = await dispatch(first, havana, 'First').expect(201);
      await first.stop();
      // The kept answer lost (a kill before it was written, a file set aside by a restore):
      // the store's own index of keys still knows where the key recorded.
      for (const file of readdirSync(first.dataDir).filter((f) => f.startsWith('idempotency'))) {
        rmSync(join(first.dataDir, file));
      }

      const restarted = await start(first.dataDir);
      const reused = await refused(restarted, () => dispatch(restarted, other, 'Second'));
      expectProblem(reused, 422, '/problems/idempotency-key-reused');
      const retry = await refused(restarted, () => dispatch(restarted, havana, 'First'));
      expect(retry.status).toBe(201);
      expect(retry.body).toEqual(original.body);
      expect(await eventsOf(restarted, `mission-${other}`)).toHaveLength(1);
    });
  });
});
