import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { LiveMissionsHub } from '../../src/live/live-missions.hub.js';
import { ProjectionsService } from '../../src/projections/projections.service.js';
import { rawExchange, responsesIn } from '../support/raw-http.js';
import { ROK_CUBA_MEETING } from '../support/rok-cuba.js';
import { followFeed, type SseEvent } from '../support/sse-feed.js';
import { startTestApp, TOKENS, type TestApp } from '../support/test-app.js';

const staff = { Authorization: `Bearer ${TOKENS.staff}` };
const viewer = { Authorization: `Bearer ${TOKENS.viewer}` };
const admin = { Authorization: `Bearer ${TOKENS.admin}` };

/** Reads `count` SSE events (missions or `left`) from the live feed, then closes the connection. */
async function readFeed(
  port: number,
  count: number,
  headers: Record<string, string> = {},
  path = '/api/live/missions',
): Promise<SseEvent[]> {
  let changes = 0;
  const seen = await followFeed(port, path, { ...viewer, ...headers }, (e) => {
    if (e.event === 'mission' || e.event === 'left') changes += 1;
    return changes === count;
  });
  return seen.filter((e) => e.event === 'mission' || e.event === 'left');
}

describe('Read models', () => {
  let subject: TestApp;
  let port: number;
  let meetingPosition: string;
  let meetingId: string;

  beforeAll(async () => {
    subject = await startTestApp();
    await subject.app.listen({ port: 0, host: '127.0.0.1' });
    port = (subject.app.getHttpServer().address() as AddressInfo).port;
    const meeting = await request(subject.server)
      .post('/api/meetings')
      .set(staff)
      .send(ROK_CUBA_MEETING)
      .expect(201);
    meetingPosition = meeting.body.position;
    meetingId = meeting.body.meetingId;
  });
  afterAll(() => subject.dispose());

  describe('given the ROK–Cuba meeting', () => {
    it('plans both missions, readable once minPosition has been reached', async () => {
      const havana = await request(subject.server)
        .get(`/api/missions/kr-cu-havana?minPosition=${meetingPosition}`)
        .set(viewer)
        .expect(200);
      expect(havana.body).toMatchObject({
        id: 'kr-cu-havana',
        status: 'planned',
        targets: { temporaryOfficeBy: '2024-06-30', embassyBy: null },
        overdue: ['temporary-office'],
        sources: [{ meetingId, outcomeId: 'outcome-1' }],
        milestones: [expect.objectContaining({ type: 'MissionPlanned', occurredOn: '2024-06-12' })],
      });
      expect(havana.headers.etag).toBe(`"${havana.body.revision}"`);
      // Ids are read in any case: the same mission, the same meeting.
      const shouted = await request(subject.server)
        .get('/api/missions/KR-CU-Havana')
        .set(viewer)
        .expect(200);
      expect(shouted.body.id).toBe('kr-cu-havana');
      // ...in any ASCII case only: the Kelvin sign (U+212A) is no K.
      await request(subject.server)
        .get('/api/missions/%E2%84%AAr-cu-havana')
        .set(viewer)
        .expect(404);
      await request(subject.server)
        .get(`/api/meetings/${meetingId.toUpperCase()}`)
        .set(viewer)
        .expect(200);
    });

    it('shows each outcome of the meeting with the status of every mission it called for', async () => {
      const meeting = await request(subject.server)
        .get(`/api/meetings/${meetingId}?minPosition=${meetingPosition}`)
        .set(viewer)
        .expect(200);
      expect(meeting.body.outcomes).toEqual([
        expect.objectContaining({
          kind: 'establish-missions',
          fulfilled: false,
          missions: [
            expect.objectContaining({ missionId: 'kr-cu-havana', status: 'planned' }),
            expect.objectContaining({ missionId: 'cu-kr-seoul', status: 'planned' }),
          ],
        }),
        expect.objectContaining({ kind: 'cooperation', fulfilled: null }),
      ]);
      const list = await request(subject.server)
        .get('/api/meetings?state=CU')
        .set(viewer)
        .expect(200);
      expect(list.body.total).toBe(1);
      const backwards = await request(subject.server)
        .get('/api/meetings?from=2025-12-31&to=2025-01-01')
        .set(viewer)
        .expect(400);
      expect(backwards.body.errors).toEqual([
        { path: 'to', message: 'to must not be before from (2025-12-31)' },
      ]);
    });

    it('lists, filters and pages missions', async () => {
      const all = await request(subject.server).get('/api/missions').set(viewer).expect(200);
      expect(all.body).toMatchObject({ total: 2, limit: 50, offset: 0 });
      const fromCuba = await request(subject.server)
        .get('/api/missions?sendingState=CU')
        .set(viewer)
        .expect(200);
      expect(fromCuba.body.missions.map((m: { id: string }) => m.id)).toEqual(['cu-kr-seoul']);
      const overdue = await request(subject.server)
        .get('/api/missions?overdue=true')
        .set(viewer)
        .expect(200);
      expect(overdue.body.missions.map((m: { id: string }) => m.id)).toEqual(['kr-cu-havana']);
      const page = await request(subject.server)
        .get('/api/missions?limit=1&offset=1')
        .set(viewer)
        .expect(200);
      expect(page.body.missions).toHaveLength(1);
      await request(subject.server).get('/api/missions?limit=1000').set(viewer).expect(400);
      for (const query of ['limit=1e1', 'offset=0x1', 'limit=+5', 'limit=%205', 'limit=5.0']) {
        const loose = await request(subject.server)
          .get(`/api/missions?${query}`)
          .set(viewer)
          .expect(400);
        expect(loose.body.errors[0].message).toMatch(/whole number written in decimal digits/);
      }
      const zeros = await request(subject.server).get('/api/missions?limit=01').set(viewer);
      expect(zeros.status).toBe(200);
      expect(zeros.body.missions).toHaveLength(1);
      const huge = await request(subject.server)
        .get('/api/missions?limit=99999999999999999999')
        .set(viewer)
        .expect(400);
      expect(huge.body.errors[0].message).toMatch(/must not be greater than/);
      for (const query of ['after=', 'limit=1e1']) {
        await request(subject.server)
          .get(`/api/events?${query}`)
          .set({ Authorization: `Bearer ${TOKENS.auditor}` })
          .expect(400);
      }
      await request(subject.server).get('/api/missions?status=open').set(viewer).expect(400);
    });

    it('describes the relation the same way from either side, with a summary line', async () => {
      const krCu = await request(subject.server)
        .get('/api/relations/kr-cu')
        .set(viewer)
        .expect(200);
      const cuKr = await request(subject.server)
        .get('/api/relations/CU-KR')
        .set(viewer)
        .expect(200);
      expect(cuKr.body).toEqual(krCu.body);
      expect(krCu.body.missions).toHaveLength(2);
      expect(krCu.body.meetings).toHaveLength(1);
      expect(krCu.body.summary).toMatch(/met once \(latest 2024-06-12 in Seoul\)/);
      await request(subject.server).get('/api/relations/kr-kr').set(viewer).expect(404);
      await request(subject.server).get('/api/relations/fr-de').set(viewer).expect(404);
    });
  });

  it('orders meetings of the same day by when they were recorded: the list latest first, a relation in date order', async () => {
    const ids: string[] = [];
    let position = '';
    for (const title of ['Morning session', 'Afternoon session', 'Evening session']) {
      const held = await request(subject.server)
        .post('/api/meetings')
        .set(staff)
        .send({
          title,
          heldOn: '2023-03-10',
          parties: ['SA', 'IR'],
          outcomes: [{ kind: 'other', summary: 'Talks continue' }],
        })
        .expect(201);
      ids.push(held.body.meetingId);
      position = held.body.position;
    }
    const list = await request(subject.server)
      .get('/api/meetings')
      .query({ state: 'IR', minPosition: position })
      .set(viewer)
      .expect(200);
    expect(list.body.meetings.map((m: { id: string }) => m.id)).toEqual([...ids].reverse());
    const relation = await request(subject.server)
      .get('/api/relations/ir-sa')
      .set(viewer)
      .expect(200);
    expect(relation.body.meetings.map((m: { id: string }) => m.id)).toEqual(ids);
  });

  describe('read your writes', () => {
    it('refuses a minPosition that is not a position', async () => {
      const response = await request(subject.server)
        .get('/api/missions?minPosition=abc')
        .set(viewer)
        .expect(400);
      expect(response.headers['content-type']).toMatch(/problem\+json/);
    });

    it("refuses a minPosition beyond the store's last position, which no command returned", async () => {
      const response = await request(subject.server)
        .get(`/api/missions/kr-cu-havana?minPosition=${'f'.repeat(32)}`)
        .set(viewer)
        .expect(400);
      expect(response.body.errors).toEqual([expect.objectContaining({ path: 'minPosition' })]);
    });
  });

  describe('the live feed', () => {
    it('replays changed missions, then pushes new milestones, and resumes after an id', async () => {
      const first = await readFeed(port, 2);
      expect(first.map((e) => JSON.parse(e.data ?? '{}').id).sort()).toEqual([
        'cu-kr-seoul',
        'kr-cu-havana',
      ]);
      const lastId = first[1].id ?? '';
      // Resumed, the feed also sends the missions overdue now, without an id (Havana's
      // temporary office was due by 2024-06-30): one away over a midnight learns of them.
      const pushed = readFeed(port, 2, { 'Last-Event-ID': lastId });
      const dispatched = await request(subject.server)
        .post('/api/missions/cu-kr-seoul/diplomats')
        .set(staff)
        .send({
          name: 'Mario Alzugaray Rodríguez',
          title: 'Diplomat',
          role: 'head-of-office',
          dispatchedOn: '2024-05-12',
        })
        .expect(201);
      const events = await pushed;
      const overdue = events.find((e) => e.id === undefined);
      expect(JSON.parse(overdue?.data ?? '{}')).toMatchObject({
        id: 'kr-cu-havana',
        overdue: ['temporary-office'],
      });
      const next = events.find((e) => e.id !== undefined)!;
      expect(next.id).toBe(dispatched.body.position);
      expect(JSON.parse(next.data ?? '{}')).toMatchObject({
        id: 'cu-kr-seoul',
        status: 'opening-team-dispatched',
      });
      const resumed = await readFeed(port, 1, { 'Last-Event-ID': lastId });
      expect(resumed[0].id).toBe(dispatched.body.position);
    });

    it('answers HEAD with the headers of the stream and ends, following nothing', async () => {
      const hub = subject.app.get(LiveMissionsHub);
      const following = hub.size;
      const response = await request(subject.server)
        .head('/api/live/missions')
        .set(viewer)
        .timeout(5000)
        .expect(200);
      expect(response.headers['content-type']).toBe('text/event-stream; charset=utf-8');
      expect(hub.size).toBeLessThanOrEqual(following);
    });

    describe('when the client asks for the connection to be closed', () => {
      const ask = (method: 'GET' | 'HEAD', connection: string, waitMs: number) =>
        rawExchange(
          port,
          `${method} /api/live/missions HTTP/1.1\r\nHost: localhost\r\n` +
            `Authorization: Bearer ${TOKENS.viewer}\r\n${connection}\r\n`,
          waitMs,
        );

      it('answers HEAD with the headers of the stream, then closes the connection at once', async () => {
        const { text, closed, ms } = await ask('HEAD', 'Connection: close\r\n', 5000);
        const [head] = responsesIn(text);
        expect(head.status).toBe(200);
        expect(head.headers['content-type']).toEqual(['text/event-stream; charset=utf-8']);
        // Sent once: the feed's own, not beside the no-store every other answer carries.
        expect(head.headers['cache-control']).toEqual(['no-cache, no-transform']);
        expect(head.headers.connection).toEqual(['close']);
        expect(closed).toBe(true);
        expect(ms).toBeLessThan(2000);
      });

      it('keeps a HEAD’s connection for the next request when the client keeps it alive', async () => {
        const { text, closed } = await ask('HEAD', '', 500);
        const [head] = responsesIn(text);
        expect(head.status).toBe(200);
        expect(head.headers.connection).toEqual(['keep-alive']);
        expect(closed).toBe(false);
      });

      it('tells a GET the connection closes when the stream ends, and still streams', async () => {
        const { text, closed } = await ask('GET', 'Connection: close\r\n', 500);
        const [feed] = responsesIn(text);
        expect(feed.status).toBe(200);
        expect(feed.headers.connection).toEqual(['close']);
        expect(feed.body).toContain('retry: 2000');
        expect(closed).toBe(false);
      });

      it('tells an HTTP/1.0 GET, even one asking to keep the connection alive, that it closes: only that can end the stream', async () => {
        const { text } = await rawExchange(
          port,
          `GET /api/live/missions HTTP/1.0\r\nAuthorization: Bearer ${TOKENS.viewer}\r\n` +
            'Connection: keep-alive\r\n\r\n',
          500,
        );
        const [feed] = responsesIn(text);
        expect(feed.status).toBe(200);
        expect(feed.headers.connection).toEqual(['close']);
      });

      it('tells a GET that keeps the connection alive so', async () => {
        const { text } = await ask('GET', '', 500);
        const [feed] = responsesIn(text);
        expect(feed.status).toBe(200);
        expect(feed.headers.connection).toEqual(['keep-alive']);
      });
    });

    it('tells a filtered stream when a change takes a mission out of its filter', async () => {
      const path = '/api/live/missions?status=opening-team-dispatched';
      await request(subject.server)
        .post('/api/missions')
        .set(staff)
        .send({
          sendingState: 'KR',
          receivingState: 'CU',
          city: 'Santiago de Cuba',
          agreedOn: '2026-01-01',
        })
        .expect(201);
      const dispatched = await request(subject.server)
        .post('/api/missions/kr-cu-santiago-de-cuba/diplomats')
        .set(staff)
        .send({
          name: 'Park Ji-won',
          title: 'First Secretary',
          role: 'head-of-office',
          dispatchedOn: '2026-01-05',
        })
        .expect(201);
      // The stream shows every dispatched mission (Seoul's too), then the one that left.
      const events = readFeed(port, 3, {}, path);
      await request(subject.server)
        .post(
          `/api/missions/kr-cu-santiago-de-cuba/diplomats/${dispatched.body.diplomatId}/arrival`,
        )
        .set(staff)
        .send({ arrivedOn: '2026-01-09' })
        .expect(201);
      const received = await events;
      const idOf = (e: SseEvent) => JSON.parse(e.data ?? '{}').id;
      const shown = received.find(
        (e) => e.event === 'mission' && idOf(e) === 'kr-cu-santiago-de-cuba',
      );
      const left = received.at(-1) ?? {};
      expect(shown).toBeDefined();
      expect(left).toMatchObject({ event: 'left' });
      expect(JSON.parse(left.data ?? '{}')).toMatchObject({
        id: 'kr-cu-santiago-de-cuba',
        status: 'opening-team-on-post',
      });
      // Resumed from the dispatch, the stream says at once that the mission left.
      const resumed = await readFeed(port, 1, { 'Last-Event-ID': shown?.id ?? '' }, path);
      expect(resumed[0]).toMatchObject({ event: 'left', id: left.id });
      // Another state's stream is never told about a mission no change can bring into it:
      // resumed from the same dispatch, the first thing it sends is a later change of its own.
      await request(subject.server)
        .post('/api/missions')
        .set(staff)
        .send({ sendingState: 'CU', receivingState: 'KR', city: 'Busan', agreedOn: '2026-01-01' })
        .expect(201);
      const marker = await request(subject.server)
        .post('/api/missions/cu-kr-busan/diplomats')
        .set(staff)
        .send({
          name: 'Ana Pérez',
          title: 'Counsellor',
          role: 'head-of-office',
          dispatchedOn: '2026-01-05',
        })
        .expect(201);
      const otherState = await readFeed(
        port,
        1,
        { 'Last-Event-ID': shown?.id ?? '' },
        `${path}&sendingState=CU`,
      );
      expect(otherState).toEqual([
        expect.objectContaining({ event: 'mission', id: marker.body.position }),
      ]);
      expect(JSON.parse(otherState[0].data ?? '{}')).toMatchObject({ id: 'cu-kr-busan' });
    });

    it('sends a mission again, without an id, once the day its target was due has passed', async () => {
      const today = new Date().toISOString().slice(0, 10);
      const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
      await request(subject.server)
        .post('/api/missions')
        .set(staff)
        .send({
          sendingState: 'NO',
          receivingState: 'CU',
          city: 'Havana',
          agreedOn: '2026-01-01',
          targets: { embassyBy: today },
        })
        .expect(201);
      const hub = subject.app.get(LiveMissionsHub);
      const open = hub.size;
      const overdue = readFeed(port, 1, {}, '/api/live/missions?sendingState=NO&overdue=true');
      const onTime = readFeed(port, 2, {}, '/api/live/missions?sendingState=NO&overdue=false');
      const deadline = Date.now() + 5000;
      while (hub.size < open + 2 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(hub.size).toBe(open + 2);

      hub.dayBegan(tomorrow);

      const [due] = await overdue;
      expect(due.id).toBeUndefined();
      expect(due.event).toBe('mission');
      expect(JSON.parse(due.data ?? '{}')).toMatchObject({
        id: 'no-cu-havana',
        overdue: ['embassy'],
      });
      const [shown, left] = await onTime;
      expect(shown).toMatchObject({ event: 'mission', id: expect.any(String) });
      expect(JSON.parse(shown.data ?? '{}').overdue).toEqual([]);
      expect(left.id).toBeUndefined();
      expect(left.event).toBe('left');
      expect(JSON.parse(left.data ?? '{}')).toMatchObject({ id: 'no-cu-havana' });
    });

    it('refuses a Last-Event-ID or after it never sent, malformed or beyond the log', async () => {
      for (const [headers, path] of [
        [{ 'Last-Event-ID': 'nope' }, '/api/live/missions'],
        [{ 'Last-Event-ID': 'f'.repeat(32) }, '/api/live/missions'],
        [{}, `/api/live/missions?after=${'f'.repeat(32)}`],
      ] as const) {
        const response = await request(subject.server)
          .get(path)
          .set({ ...viewer, ...headers })
          .expect(400);
        expect(response.headers['content-type']).toMatch(/problem\+json/);
      }
    });
  });

  describe('operations', () => {
    it('refuses to retry a projection that has not failed', async () => {
      const response = await request(subject.server)
        .post('/api/admin/projections/mission-status/retry')
        .set(admin)
        .expect(409);
      expect(response.body).toMatchObject({
        type: '/problems/projection-not-failed',
        detail: 'Projection mission-status has not failed: there is nothing to retry.',
      });
    });

    it('reports every projection and rebuilds one beside the live copy', async () => {
      const before = await request(subject.server)
        .get('/api/admin/projections')
        .set(admin)
        .expect(200);
      expect(before.body.map((p: { name: string }) => p.name).sort()).toEqual([
        'meeting-outcomes',
        'mission-status',
      ]);
      expect(before.body[0]).toEqual(
        expect.objectContaining({
          position: expect.any(String),
          state: expect.any(String),
          lastError: null,
          lag: expect.objectContaining({
            events: expect.any(Number),
            milliseconds: expect.any(Number),
          }),
        }),
      );
      await request(subject.server).get('/api/admin/projections').set(viewer).expect(403);
      const rebuild = await request(subject.server)
        .post('/api/admin/projections/mission-status/rebuild')
        .set(admin)
        .expect(202);
      expect(rebuild.body.alreadyRunning).toBe(false);
      const missionsBefore = await request(subject.server)
        .get('/api/missions')
        .set(viewer)
        .expect(200);
      for (;;) {
        const now = await request(subject.server).get('/api/admin/projections').set(admin);
        const status = now.body.find((p: { name: string }) => p.name === 'mission-status');
        if (status.generation === rebuild.body.generation && status.rebuilding === null) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const missionsAfter = await request(subject.server)
        .get('/api/missions')
        .set(viewer)
        .expect(200);
      expect(missionsAfter.body).toEqual(missionsBefore.body);
      await request(subject.server)
        .post('/api/admin/projections/nope/rebuild')
        .set(admin)
        .expect(404);
    });
  });

  describe('when the read models stop following the store', () => {
    it('answers 504 to a read whose minPosition they do not reach in time', async () => {
      const behind = await startTestApp();
      try {
        await behind.app.get(ProjectionsService).onModuleDestroy();
        const planned = await request(behind.server)
          .post('/api/missions')
          .set(staff)
          .send({ sendingState: 'KR', receivingState: 'CU', city: 'Havana' })
          .expect(201);
        const response = await request(behind.server)
          .get(`/api/missions/kr-cu-havana?minPosition=${planned.body.position}`)
          .set(viewer);
        expect(response.status).toBe(504);
        expect(response.body.type).toBe('/problems/timeout');
      } finally {
        await behind.dispose();
      }
    }, 10_000);
  });
});

describe('The mission list', () => {
  let ordered: TestApp;
  beforeAll(async () => {
    ordered = await startTestApp();
  });
  afterAll(() => ordered.dispose());

  it('lists missions in mission-id order: accents and case do not decide where a city goes', async () => {
    let position = '';
    for (const city of ['Ho Chi Minh City', 'Đà Nẵng', 'an giang', 'Hà Nội']) {
      const planned = await request(ordered.server)
        .post('/api/missions')
        .set(staff)
        .send({ sendingState: 'BR', receivingState: 'VN', city, agreedOn: '2024-01-01' })
        .expect(201);
      position = planned.body.position;
    }
    const list = await request(ordered.server)
      .get('/api/missions')
      .query({ sendingState: 'BR', minPosition: position })
      .set(viewer)
      .expect(200);
    expect(list.body.missions.map((m: { id: string }) => m.id)).toEqual([
      'br-vn-an-giang',
      'br-vn-da-nang',
      'br-vn-ha-noi',
      'br-vn-ho-chi-minh-city',
    ]);
  });
});
