import request from 'supertest';
import { AS, dispatchDiplomat, expectProblem, planMission } from '../support/http-api.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface AuditEventBody {
  position: string;
  stream: string;
  revision: number;
  type: string;
  data: Record<string, unknown>;
  occurredOn: string | null;
  recordedAt: string;
  actor: string | null;
  actorRole: string | null;
  correlationId: string | null;
  causationId: string | null;
  prevHash: string | null;
  hash: string | null;
}

/** Waits until the clock has moved past `instant`, so the next record is strictly later. */
async function clockPast(instant: string): Promise<void> {
  while (Date.now() <= Date.parse(instant)) await new Promise((r) => setImmediate(r));
}

describe('Auditors', () => {
  let subject: TestApp;
  const history = (missionId: string, query: Record<string, unknown> = {}) =>
    request(subject.server).get(`/api/missions/${missionId}/history`).query(query).set(AS.auditor);

  beforeAll(async () => {
    subject = await startTestApp();
  });
  afterAll(() => subject.dispose());

  describe('when a mission’s temporary office is recorded months after it opened', () => {
    let missionId: string;
    let knownOnPost: string;

    beforeAll(async () => {
      const planned = await request(subject.server)
        .post('/api/missions')
        .set(AS.staff)
        .set('X-Correlation-Id', 'corr-audit-1')
        .send({
          sendingState: 'KR',
          receivingState: 'CU',
          city: 'Havana',
          agreedOn: '2024-06-12',
          targets: { temporaryOfficeBy: '2024-06-30' },
        })
        .expect(201);
      missionId = planned.body.missionId;
      const diplomatId = await dispatchDiplomat(subject.server, missionId);
      await request(subject.server)
        .post(`/api/missions/${missionId}/diplomats/${diplomatId}/arrival`)
        .set(AS.staff)
        .send({ arrivedOn: '2024-06-14' })
        .expect(201);
      const events = (await history(missionId).expect(200)).body.events as AuditEventBody[];
      knownOnPost = events[2].recordedAt;
      await clockPast(knownOnPost);
      await request(subject.server)
        .post(`/api/missions/${missionId}/temporary-office`)
        .set(AS.staff)
        .send({ openedOn: '2024-06-28', address: 'Miramar Business Center' })
        .expect(201);
    });

    it('lists every event of the mission in order, with who recorded it, when and why', async () => {
      const response = await history(missionId).expect(200);
      const events = response.body.events as AuditEventBody[];
      expect(response.body).toMatchObject({
        missionId,
        stream: `mission-${missionId}`,
        nextRevision: null,
      });
      expect(events.map((e) => [e.revision, e.type, e.occurredOn])).toEqual([
        [0, 'MissionPlanned', '2024-06-12'],
        [1, 'DiplomatDispatched', '2024-06-10'],
        [2, 'DiplomatArrived', '2024-06-14'],
        [3, 'TemporaryOfficeOpened', '2024-06-28'],
      ]);
      expect(events[0]).toMatchObject({
        actor: 'test-staff',
        actorRole: 'staff',
        correlationId: 'corr-audit-1',
        causationId: expect.stringMatching(/^request:/),
        prevHash: null,
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
        position: expect.stringMatching(/^[0-9a-f]{32}$/),
      });
      expect(events[1].prevHash).toBe(events[0].hash);
      expect(Date.parse(events[3].recordedAt)).toBeGreaterThan(Date.parse(events[2].recordedAt));
    });

    it('pages the history by revision', async () => {
      const first = await history(missionId, { limit: 3 }).expect(200);
      expect(first.body.events).toHaveLength(3);
      expect(first.body.nextRevision).toBe(3);
      const second = await history(missionId, { fromRevision: 3, limit: 3 }).expect(200);
      expect(second.body.events.map((e: AuditEventBody) => e.revision)).toEqual([3]);
      expect(second.body.nextRevision).toBeNull();
    });

    it('replays what the service knew before the office was recorded: overdue then', async () => {
      const response = await request(subject.server)
        .get(`/api/missions/${missionId}/replay`)
        .query({ asOf: knownOnPost })
        .set(AS.auditor)
        .expect(200);
      expect(response.body).toMatchObject({
        asOf: knownOnPost,
        today: knownOnPost.slice(0, 10),
        knownThrough: { revision: 2, recordedAt: knownOnPost },
        eventsApplied: 3,
        mission: {
          status: 'opening-team-on-post',
          temporaryOffice: null,
          overdue: ['temporary-office'],
        },
      });
    });

    it('replays the facts that had happened by a date, recorded late or not: never overdue', async () => {
      const byEndOfJune = await request(subject.server)
        .get(`/api/missions/${missionId}/replay`)
        .query({ occurredBy: '2024-06-29' })
        .set(AS.auditor)
        .expect(200);
      expect(byEndOfJune.body).toMatchObject({
        today: '2024-06-29',
        eventsApplied: 4,
        notYetOccurred: [],
        beforeAgreement: [],
        mission: {
          status: 'temporary-office-open',
          temporaryOffice: { openedOn: '2024-06-28' },
          overdue: [],
        },
      });
      const byMidJune = await request(subject.server)
        .get(`/api/missions/${missionId}/replay`)
        .query({ occurredBy: '2024-06-20' })
        .set(AS.auditor)
        .expect(200);
      expect(byMidJune.body.mission).toMatchObject({
        status: 'opening-team-on-post',
        overdue: [],
      });
      expect(byMidJune.body.notYetOccurred).toEqual([
        expect.objectContaining({
          revision: 3,
          type: 'TemporaryOfficeOpened',
          occurredOn: '2024-06-28',
        }),
      ]);
    });

    it('replays a revision, and refuses one the mission has not reached', async () => {
      const response = await request(subject.server)
        .get(`/api/missions/${missionId}/replay`)
        .query({ revision: 1 })
        .set(AS.auditor)
        .expect(200);
      expect(response.body).toMatchObject({
        revision: 1,
        eventsApplied: 2,
        mission: { status: 'opening-team-dispatched' },
      });
      expect(response.body.mission.diplomats).toEqual([
        expect.objectContaining({ rank: { grade: 'counsellor', inferredFromTitle: true } }),
      ]);
      const beyond = await request(subject.server)
        .get(`/api/missions/${missionId}/replay`)
        .query({ revision: 9 })
        .set(AS.auditor);
      expectProblem(beyond, 404, '/problems/not-found');
    });

    it('refuses a replay without a point, with both asOf and revision, or with a bad instant', async () => {
      const replay = (query: Record<string, unknown>) =>
        request(subject.server)
          .get(`/api/missions/${missionId}/replay`)
          .query(query)
          .set(AS.auditor);
      expectProblem(await replay({}), 400, '/problems/validation-failed');
      expectProblem(
        await replay({ asOf: knownOnPost, revision: 1 }),
        400,
        '/problems/validation-failed',
      );
      const bad = await replay({ asOf: 'yesterday' });
      expectProblem(bad, 400, '/problems/validation-failed');
      expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'asOf' })]);
      expectProblem(await replay({ occurredBy: '2024-02-30' }), 400, '/problems/validation-failed');
    });

    it('refuses a replay at a point after now: what the service will know is not known yet', async () => {
      const replay = (query: Record<string, unknown>) =>
        request(subject.server)
          .get(`/api/missions/${missionId}/replay`)
          .query(query)
          .set(AS.auditor);
      const later = new Date(Date.now() + 60_000).toISOString();
      const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
      for (const query of [
        { asOf: later },
        { asOf: '2099-01-01T00:00:00Z' },
        { occurredBy: tomorrow },
        { revision: 0, occurredBy: '2099-01-01' },
      ]) {
        const refused = await replay(query);
        expectProblem(refused, 422, '/problems/date-in-the-future');
        expect(refused.body.rule).toBe('date-in-the-future');
      }
      await replay({ asOf: new Date().toISOString() }).expect(200);
      await replay({ occurredBy: new Date().toISOString().slice(0, 10) }).expect(200);
    });
  });

  describe('when the meeting that agreed a mission is linked after it was planned directly', () => {
    const replay = (occurredBy: string) =>
      request(subject.server)
        .get('/api/missions/gr-cy-nicosia/replay')
        .query({ occurredBy })
        .set(AS.auditor)
        .expect(200);

    beforeAll(async () => {
      await request(subject.server)
        .post('/api/missions')
        .set(AS.staff)
        .send({ sendingState: 'GR', receivingState: 'CY', city: 'Nicosia', agreedOn: '2026-02-01' })
        .expect(201);
      const meeting = await request(subject.server)
        .post('/api/meetings')
        .set(AS.staff)
        .send({
          title: 'GR-CY',
          heldOn: '2026-01-15',
          parties: ['GR', 'CY'],
          outcomes: [
            {
              kind: 'establish-missions',
              summary: 'An embassy in Nicosia',
              missions: [
                {
                  sendingState: 'GR',
                  receivingState: 'CY',
                  city: 'Nicosia',
                  targets: { temporaryOfficeBy: '2026-06-30' },
                },
              ],
            },
          ],
        })
        .expect(201);
      const linked = await request(subject.server)
        .get('/api/missions/gr-cy-nicosia')
        .query({ minPosition: meeting.body.position })
        .set(AS.viewer)
        .expect(200);
      expect(linked.body).toMatchObject({ plannedOn: '2026-02-01', agreedOn: '2026-01-15' });
      await dispatchDiplomat(subject.server, 'gr-cy-nicosia', {
        name: 'Greek diplomat',
        dispatchedOn: '2026-01-25',
      });
    });

    it('replays the mission as planned by that meeting on a date after it and before the plan', async () => {
      const response = await replay('2026-01-20');
      expect(response.body).toMatchObject({
        beforeAgreement: [],
        notYetOccurred: [
          expect.objectContaining({ type: 'MissionPlanned', occurredOn: '2026-02-01' }),
          expect.objectContaining({ type: 'DiplomatDispatched', occurredOn: '2026-01-25' }),
        ],
        mission: {
          status: 'planned',
          plannedOn: '2026-01-15',
          agreedOn: '2026-01-15',
          targets: { temporaryOfficeBy: '2026-06-30', embassyBy: null },
          agreements: [expect.objectContaining({ agreedOn: '2026-01-15' })],
        },
      });
    });

    it('folds a team dispatched between the meeting and the plan', async () => {
      const response = await replay('2026-01-28');
      expect(response.body).toMatchObject({
        eventsApplied: 2,
        beforeAgreement: [],
        mission: { status: 'opening-team-dispatched', agreedOn: '2026-01-15' },
      });
    });

    it('knows nothing planned before the meeting, and folds everything once the plan is made', async () => {
      const before = await replay('2026-01-14');
      expect(before.body).toMatchObject({ eventsApplied: 0, beforeAgreement: [] });
      expect(before.body.mission).toEqual({ status: 'unplanned', overdue: [] });
      const after = await replay('2026-02-01');
      expect(after.body).toMatchObject({
        eventsApplied: 3,
        notYetOccurred: [],
        mission: {
          status: 'opening-team-dispatched',
          plannedOn: '2026-02-01',
          agreedOn: '2026-01-15',
        },
      });
    });
  });

  describe('the global log', () => {
    let missionId: string;

    beforeAll(async () => {
      missionId = await planMission(subject.server, 'Matanzas');
      await dispatchDiplomat(subject.server, missionId, { name: 'Second diplomat' });
    });

    const events = (query: Record<string, unknown>) =>
      request(subject.server).get('/api/events').query(query).set(AS.auditor);
    /** The position of the last event of a page that read the whole log. */
    const whole = (page: request.Response): string => page.body.events.at(-1).position;

    it('pages every event in commit order by position', async () => {
      const all: AuditEventBody[] = [];
      let after: string | undefined;
      for (let pages = 0; pages < 50; pages += 1) {
        const page = await events({ limit: 2, ...(after && { after }) }).expect(200);
        all.push(...page.body.events);
        after = page.body.next;
        if (page.body.endOfLog) break;
      }
      const positions = all.map((e) => e.position);
      expect(positions).toEqual([...positions].sort());
      expect(new Set(positions).size).toBe(positions.length);
      expect(all.length).toBeGreaterThanOrEqual(6);
      const whole = await events({ limit: 1000 }).expect(200);
      expect(whole.body.events.map((e: AuditEventBody) => e.position)).toEqual(positions);
    });

    it('filters by type, stream, actor and recording time', async () => {
      const dispatched = await events({ type: 'DiplomatDispatched,EmbassyOpened' }).expect(200);
      expect(dispatched.body.events.length).toBeGreaterThanOrEqual(2);
      for (const e of dispatched.body.events) expect(e.type).toBe('DiplomatDispatched');

      const one = await events({ stream: `mission-${missionId}` }).expect(200);
      expect(one.body.events.map((e: AuditEventBody) => e.type)).toEqual([
        'MissionPlanned',
        'DiplomatDispatched',
      ]);
      const upper = await events({ stream: `mission-${missionId.toUpperCase()}` }).expect(200);
      expect(upper.body.events).toEqual(one.body.events);
      const prefix = await events({ stream: 'mission-kr-cu-*' }).expect(200);
      expect(prefix.body.events.length).toBeGreaterThan(one.body.events.length);

      expect((await events({ actor: 'nobody' }).expect(200)).body.events).toEqual([]);
      // An empty filtered page still moves `next` to the end of the log it saw.
      const none = await events({ type: 'NoSuchEvent' }).expect(200);
      expect(none.body).toMatchObject({ events: [], endOfLog: true });
      expect(none.body.next).toBe(whole(await events({ limit: 1000 }).expect(200)));
      await events({ after: 'f'.repeat(32) }).expect(400);
      const staff = await events({ actor: 'test-staff' }).expect(200);
      expect(staff.body.events.length).toBeGreaterThan(0);

      const last = one.body.events[1] as AuditEventBody;
      const since = await events({ from: last.recordedAt }).expect(200);
      expect(since.body.events.map((e: AuditEventBody) => e.position)).toContain(last.position);
      for (const e of since.body.events) {
        expect(Date.parse(e.recordedAt)).toBeGreaterThanOrEqual(Date.parse(last.recordedAt));
      }
      expect((await events({ to: '2000-01-01' }).expect(200)).body.events).toEqual([]);
    });

    it('refuses filters it cannot read', async () => {
      expectProblem(await events({ after: 'nope' }), 400, '/problems/validation-failed');
      expectProblem(await events({ from: 'last week' }), 400, '/problems/validation-failed');
      expectProblem(await events({ limit: 5000 }), 400, '/problems/validation-failed');
      for (const from of ['2026-02-30T00:00:00Z', '2025-02-29T12:00:00Z']) {
        expectProblem(await events({ from }), 400, '/problems/validation-failed');
      }
      const backwards = await events({ from: '2030-01-01', to: '2020-01-01' });
      expectProblem(backwards, 400, '/problems/validation-failed');
      expect(backwards.body.errors).toEqual([
        { path: 'to', message: 'to must not be before from (2030-01-01)' },
      ]);
      await events({ from: '2024-06-12', to: '2024-06-12' }).expect(200);
      // Within one millisecond: in order as written, though the finer `from` lets none of it in.
      for (const [from, to] of [
        ['2024-06-12T10:00:00.1235Z', '2024-06-12T10:00:00.1235Z'],
        ['2024-06-12T10:00:00.1231Z', '2024-06-12T10:00:00.1239Z'],
      ]) {
        expect((await events({ from, to }).expect(200)).body.events).toEqual([]);
      }
    });
  });

  describe('tamper evidence and export', () => {
    it('verifies a clean store: every event and stream checked, nothing broken', async () => {
      const head = await request(subject.server)
        .get('/api/events')
        .query({ limit: 1000 })
        .set(AS.auditor);
      const response = await request(subject.server)
        .get('/api/audit/verify')
        .set(AS.auditor)
        .expect(200);
      const streams = new Set(head.body.events.map((e: AuditEventBody) => e.stream));
      expect(response.body).toMatchObject({
        ok: true,
        eventsChecked: head.body.events.length,
        streamsChecked: streams.size,
        brokenStreams: 0,
        firstBad: null,
        broken: [],
      });
      const one = await request(subject.server)
        .get('/api/audit/verify')
        .query({ stream: 'mission-kr-cu-havana' })
        .set(AS.auditor)
        .expect(200);
      expect(one.body).toMatchObject({ ok: true, eventsChecked: 4, streamsChecked: 1 });
      const upper = await request(subject.server)
        .get('/api/audit/verify')
        .query({ stream: 'Mission-KR-CU-Havana' })
        .set(AS.auditor)
        .expect(200);
      expect(upper.body).toMatchObject({ eventsChecked: 4, streamsChecked: 1 });
      const kelvin = await request(subject.server)
        .get('/api/audit/verify')
        .query({ stream: 'mission-\u212Ar-cu-havana' })
        .set(AS.auditor);
      expectProblem(kelvin, 404, '/problems/not-found');
      const missing = await request(subject.server)
        .get('/api/audit/verify')
        .query({ stream: 'mission-none' })
        .set(AS.auditor);
      expectProblem(missing, 404, '/problems/not-found');
    });

    it('gives the head hash of every stream and one digest over them', async () => {
      const response = await request(subject.server)
        .get('/api/audit/digest')
        .set(AS.auditor)
        .expect(200);
      expect(response.body).toMatchObject({
        algorithm: 'sha256',
        digest: expect.stringMatching(/^[0-9a-f]{64}$/),
        verified: true,
      });
      const havana = response.body.heads.find(
        (h: { stream: string }) => h.stream === 'mission-kr-cu-havana',
      );
      const events = (await history('kr-cu-havana').expect(200)).body.events as AuditEventBody[];
      expect(havana).toEqual({ stream: 'mission-kr-cu-havana', revision: 3, hash: events[3].hash });
    });

    it('exports the whole log as NDJSON, metadata and hashes included', async () => {
      const response = await request(subject.server)
        .get('/api/events/export')
        .set(AS.auditor)
        .buffer(true)
        .parse((res, done) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => done(null, text));
        })
        .expect(200);
      expect(response.headers['content-type']).toMatch(/^application\/x-ndjson/);
      const lines = (response.body as string).trimEnd().split('\n');
      const log = await request(subject.server)
        .get('/api/events')
        .query({ limit: 1000 })
        .set(AS.auditor);
      // Every event, then the summary line an import checks.
      expect(lines).toHaveLength(log.body.events.length + 1);
      const digest = await request(subject.server).get('/api/audit/digest').set(AS.auditor);
      expect(JSON.parse(lines[lines.length - 1])).toEqual({
        exportSummary: {
          events: log.body.events.length,
          streams: digest.body.streams,
          digest: digest.body.digest,
          linesSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        },
      });
      const first = JSON.parse(lines[0]);
      expect(Object.keys(first)).toEqual(['stream', 'revision', 'id', 'type', 'data', 'metadata']);
      expect(first.metadata).toMatchObject({ prevHash: null, hash: log.body.events[0].hash });
    });
  });

  describe('who may audit', () => {
    const routes = [
      '/api/missions/kr-cu-havana/history',
      '/api/missions/kr-cu-havana/replay?revision=0',
      '/api/events',
      '/api/events/export',
      '/api/audit/verify',
      '/api/audit/digest',
    ];

    it('lets auditors and admins in, and keeps staff, viewers and strangers out', async () => {
      for (const path of routes) {
        await request(subject.server).get(path).set(AS.admin).expect(200);
        expectProblem(
          await request(subject.server).get(path).set(AS.staff),
          403,
          '/problems/forbidden',
        );
        expectProblem(
          await request(subject.server).get(path).set(AS.viewer),
          403,
          '/problems/forbidden',
        );
        expectProblem(await request(subject.server).get(path), 401, '/problems/unauthenticated');
      }
    });

    it('answers 404 for a mission never planned', async () => {
      expectProblem(await history('kr-cu-nowhere'), 404, '/problems/not-found');
    });
  });
});
