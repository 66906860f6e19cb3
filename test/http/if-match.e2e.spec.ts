import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { ROK_CUBA_MEETING } from '../support/rok-cuba.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import {
  AS,
  DIPLOMAT,
  eventsOf,
  expectProblem,
  listen,
  planMission,
  readMission,
  refused,
} from '../support/http-api.js';

/**
 * Optimistic concurrency over HTTP: every command and read answers with the stream's
 * revision as ETag; a command sent with If-Match is decided against exactly that
 * revision, or refused with 412 and nothing appended.
 */
describe('If-Match', () => {
  let subject: TestApp;
  const post = (path: string) => request(subject.server).post(path).set(AS.staff);

  beforeAll(async () => {
    subject = await startTestApp();
    await listen(subject.server);
  });
  afterAll(() => subject.dispose());

  it('gives the revision as ETag and accepts it back as If-Match', async () => {
    const missionId = await planMission(subject.server, 'Etag City');
    const read = await readMission(subject, missionId);
    expect(read.status).toBe(200);
    expect(read.headers.etag).toBe('"0"');

    const dispatched = await post(`/api/missions/${missionId}/diplomats`)
      .set('If-Match', read.headers.etag)
      .send(DIPLOMAT)
      .expect(201);
    expect(dispatched.body.revision).toBe(1);
    expect(dispatched.headers.etag).toBe('"1"');

    const arrived = await post(
      `/api/missions/${missionId}/diplomats/${dispatched.body.diplomatId}/arrival`,
    )
      .set('If-Match', dispatched.headers.etag)
      .send({ arrivedOn: '2024-06-14' })
      .expect(201);
    expect(arrived.body.revision).toBe(2);
    expect(arrived.headers.etag).toBe('"2"');
  });

  it('answers every command with revision, position and the matching ETag', async () => {
    const planned = await post('/api/missions')
      .send({
        sendingState: 'KR',
        receivingState: 'CU',
        city: 'Header City',
        agreedOn: '2024-06-12',
      })
      .expect(201);
    expect(planned.body).toEqual({
      missionId: 'kr-cu-header-city',
      revision: 0,
      position: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    expect(planned.headers.etag).toBe('"0"');
    expect(planned.headers.location).toBe('/api/missions/kr-cu-header-city');

    const suspended = await post('/api/missions/kr-cu-header-city/suspension')
      .send({ on: '2024-07-01', reason: 'Hurricane' })
      .expect(201);
    expect(suspended.body).toMatchObject({ revision: 1, position: expect.any(String) });
    expect(suspended.body.position > planned.body.position).toBe(true);
    expect(suspended.headers.etag).toBe('"1"');
  });

  it('refuses a stale If-Match with 412 and appends nothing', async () => {
    const missionId = await planMission(subject.server, 'Stale Etag City');
    await post(`/api/missions/${missionId}/diplomats`).send(DIPLOMAT).expect(201);
    const before = await eventsOf(subject, `mission-${missionId}`);

    const response = await refused(subject, () =>
      post(`/api/missions/${missionId}/diplomats`)
        .set('If-Match', '"0"')
        .send({ ...DIPLOMAT, name: 'Second diplomat' }),
    );
    const body = expectProblem(response, 412, '/problems/stale-revision');
    expect(body.currentRevision).toBe(1);
    expect(await eventsOf(subject, `mission-${missionId}`)).toEqual(before);
  });

  it('refuses an If-Match ahead of the stream', async () => {
    const missionId = await planMission(subject.server, 'Future Etag City');
    const response = await refused(subject, () =>
      post(`/api/missions/${missionId}/diplomats`).set('If-Match', '"7"').send(DIPLOMAT),
    );
    expectProblem(response, 412, '/problems/stale-revision');
  });

  it('refuses an If-Match on a mission that does not exist yet', async () => {
    const response = await refused(subject, () =>
      post('/api/missions')
        .set('If-Match', '"0"')
        .send({ sendingState: 'KR', receivingState: 'CU', city: 'Not Yet City' }),
    );
    expectProblem(response, 412, '/problems/stale-revision');
  });

  it.each([
    [
      'an arrival',
      '/diplomats/0b0b0b0b-0b0b-4b0b-8b0b-0b0b0b0b0b0b/arrival',
      '"3"',
      { arrivedOn: '2024-06-14' },
    ],
    ['a closure', '/closure', '"0"', { on: '2024-08-01', reason: 'Relations severed' }],
    ['a dispatch', '/diplomats', '*', DIPLOMAT],
  ])(
    'answers %s on a mission never planned with 404, not 412, whatever its If-Match (RFC 9110 §13.2.1)',
    async (_label, path, ifMatch, body) => {
      const response = await refused(subject, () =>
        post(`/api/missions/zz-zz-nowhere${path}`).set('If-Match', ifMatch).send(body),
      );
      const problem = expectProblem(response, 404, '/problems/mission-not-planned');
      expect(problem.rule).toBe('mission-not-planned');
    },
  );

  it.each([
    ['"7"', 'Seven'],
    ['"1"', 'One'],
    ['"0"', 'Zero'],
    ['*', 'Star'],
  ])(
    'answers the arrival of a diplomat never dispatched to an existing mission with 404, not 412, with If-Match %s',
    async (ifMatch, city) => {
      const missionId = await planMission(subject.server, `Unknown Diplomat ${city}`);
      await post(`/api/missions/${missionId}/diplomats`).send(DIPLOMAT).expect(201);
      const response = await refused(subject, () =>
        post(`/api/missions/${missionId}/diplomats/${randomUUID()}/arrival`)
          .set('If-Match', ifMatch)
          .send({ arrivedOn: '2024-06-14' }),
      );
      const problem = expectProblem(response, 404, '/problems/diplomat-not-dispatched');
      expect(problem).not.toHaveProperty('currentRevision');
    },
  );

  describe('the arrival of a diplomat never dispatched to the mission', () => {
    const arrival = (missionId: string, diplomatId: string = randomUUID()) =>
      post(`/api/missions/${missionId}/diplomats/${diplomatId}/arrival`);
    /** A mission with one diplomat on post, then suspended or closed (or neither). */
    const missionThat = async (city: string, then?: 'suspension' | 'closure') => {
      const missionId = await planMission(subject.server, city);
      const dispatched = await post(`/api/missions/${missionId}/diplomats`)
        .send(DIPLOMAT)
        .expect(201);
      const diplomatId = dispatched.body.diplomatId as string;
      await arrival(missionId, diplomatId).send({ arrivedOn: '2024-06-14' }).expect(201);
      if (then !== undefined) {
        await post(`/api/missions/${missionId}/${then}`)
          .send({ on: '2024-07-01', reason: 'Relations severed' })
          .expect(201);
      }
      return { missionId, diplomatId };
    };
    const expectNotDispatched = (response: request.Response) => {
      const problem = expectProblem(response, 404, '/problems/diplomat-not-dispatched');
      expect(problem.rule).toBe('diplomat-not-dispatched');
      expect(problem).not.toHaveProperty('currentRevision');
      expect(response.headers.etag).toBeUndefined();
    };

    it.each([
      ['open', undefined],
      ['suspended', 'suspension'],
      ['closed', 'closure'],
    ] as const)(
      'is a 404 on a mission that is %s, whatever its status would refuse',
      async (status, then) => {
        const { missionId } = await missionThat(`Never Sent ${status}`, then);
        expectNotDispatched(
          await refused(subject, () => arrival(missionId).send({ arrivedOn: '2024-07-02' })),
        );
      },
    );

    it('is a 404 on a closed mission with a stale If-Match, naming no revision of the mission', async () => {
      const { missionId } = await missionThat('Never Sent Stale', 'closure');
      const response = await refused(subject, () =>
        arrival(missionId).set('If-Match', '"99"').send({ arrivedOn: '2024-07-02' }),
      );
      expectNotDispatched(response);
      expect(response.body.detail).not.toMatch(/revision/);
    });

    it('keeps that 404 for an Idempotency-Key and replays it', async () => {
      const { missionId } = await missionThat('Never Sent Replayed', 'closure');
      const diplomatId = randomUUID();
      const send = () =>
        refused(subject, () =>
          arrival(missionId, diplomatId)
            .set('Idempotency-Key', `never-sent-${diplomatId}`)
            .set('If-Match', '"99"')
            .send({ arrivedOn: '2024-07-02' }),
        );
      const first = await send();
      expectNotDispatched(first);
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      const retry = await send();
      expectNotDispatched(retry);
      expect(retry.text).toBe(first.text);
      expect(retry.headers['idempotent-replayed']).toBe('true');
    });

    it('leaves the diplomat the mission had to its status: 409 as closed, 412 with a stale If-Match', async () => {
      const { missionId, diplomatId } = await missionThat('Sent Before Closure', 'closure');
      const send = (ifMatch?: string) =>
        refused(subject, () => {
          const sent = arrival(missionId, diplomatId);
          return (ifMatch === undefined ? sent : sent.set('If-Match', ifMatch)).send({
            arrivedOn: '2024-06-14',
          });
        });
      expectProblem(await send(), 409, '/problems/mission-closed');
      expectProblem(await send('"99"'), 412, '/problems/stale-revision');
    });
  });

  it('refuses a rule-breaking command on an existing mission with 412 when its If-Match is stale', async () => {
    const missionId = await planMission(subject.server, 'Stale Refusal City');
    const response = await refused(subject, () =>
      post(`/api/missions/${missionId}/resumption`)
        .set('If-Match', '"5"')
        .send({ on: '2024-07-01' }),
    );
    expectProblem(response, 412, '/problems/stale-revision');
  });

  it('answers a plan citing a source it cannot use with 412 when its If-Match is stale, with the refusal when it is not', async () => {
    await planMission(subject.server, 'Stale Source City', {
      sendingState: 'MX',
      receivingState: 'GH',
    });
    const cite = (ifMatch: string) =>
      refused(subject, () =>
        post('/api/missions')
          .set('If-Match', ifMatch)
          .send({
            sendingState: 'MX',
            receivingState: 'GH',
            city: 'Stale Source City',
            source: { meetingId: randomUUID(), outcomeId: 'outcome-1' },
          }),
      );
    expectProblem(await cite('"3"'), 412, '/problems/stale-revision');
    expectProblem(await cite('"0"'), 422, '/problems/unknown-source');
  });

  it('accepts If-Match: * for an existing mission', async () => {
    const missionId = await planMission(subject.server, 'Star City');
    const response = await post(`/api/missions/${missionId}/diplomats`)
      .set('If-Match', '*')
      .send(DIPLOMAT)
      .expect(201);
    expect(response.body.revision).toBe(1);
  });

  it('refuses If-Match: * for a mission or a meeting that does not exist yet', async () => {
    const plan = await refused(subject, () =>
      post('/api/missions')
        .set('If-Match', '*')
        .send({ sendingState: 'KR', receivingState: 'CU', city: 'Star Not Yet City' }),
    );
    expectProblem(plan, 412, '/problems/stale-revision');
    expect(plan.body.detail).toMatch(/asks for an existing resource/);
    const meeting = await refused(subject, () =>
      post('/api/meetings').set('If-Match', '*').send(ROK_CUBA_MEETING),
    );
    expectProblem(meeting, 412, '/problems/stale-revision');
  });

  it('takes a list of entity tags: the command goes ahead when any of them is the revision', async () => {
    const missionId = await planMission(subject.server, 'Tag List City');
    const dispatched = await post(`/api/missions/${missionId}/diplomats`)
      .set('If-Match', 'W/"0", "7",, "0"')
      .send(DIPLOMAT)
      .expect(201);
    expect(dispatched.headers.etag).toBe('"1"');
    const stale = await refused(subject, () =>
      post(`/api/missions/${missionId}/diplomats`).set('If-Match', '"0", "2"').send(DIPLOMAT),
    );
    expectProblem(stale, 412, '/problems/stale-revision');
    expect(stale.body).toMatchObject({
      detail: 'If-Match names revisions 0, 2 but the current revision is 1',
      currentRevision: 1,
    });
  });

  it.each(['W/"0"', '"abc"', '"-1"', '""', '"00"', `"${'9'.repeat(16)}"`, '"a,0"'])(
    'compares %j strongly with the ETag "0": never a match, so 412 and nothing appended',
    async (ifMatch) => {
      const city = `Foreign Etag ${Buffer.from(ifMatch).toString('hex').slice(0, 40)}`;
      const missionId = await planMission(subject.server, city);
      const response = await refused(subject, () =>
        post(`/api/missions/${missionId}/diplomats`).set('If-Match', ifMatch).send(DIPLOMAT),
      );
      expectProblem(response, 412, '/problems/stale-revision');
      expect(response.body.currentRevision).toBe(0);
    },
  );

  it.each(['0', 'W/0', '"0" "1"', '*, "0"', '"0', ' , '])(
    'refuses %j, which is not an If-Match value, with 400',
    async (ifMatch) => {
      const city = `Malformed Etag ${Buffer.from(ifMatch).toString('hex').slice(0, 40)}`;
      const missionId = await planMission(subject.server, city);
      const response = await refused(subject, () =>
        post(`/api/missions/${missionId}/diplomats`).set('If-Match', ifMatch).send(DIPLOMAT),
      );
      expectProblem(response, 400, '/problems/bad-if-match');
    },
  );

  it('lets exactly one of two commands sent with the same If-Match through', async () => {
    const missionId = await planMission(subject.server, 'Race City');
    const send = (name: string) =>
      post(`/api/missions/${missionId}/diplomats`)
        .set('If-Match', '"0"')
        .send({ ...DIPLOMAT, name });
    const responses = await Promise.all([send('First'), send('Second'), send('Third')]);
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 412, 412]);
    const events = await eventsOf(subject, `mission-${missionId}`);
    expect(events.map((e) => e.type)).toEqual(['MissionPlanned', 'DiplomatDispatched']);
  });
});
