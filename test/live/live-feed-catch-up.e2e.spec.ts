import { connect, type AddressInfo } from 'node:net';
import request from 'supertest';
import { LiveMissionsHub } from '../../src/live/live-missions.hub.js';
import { AS } from '../support/http-api.js';
import { TOKENS } from '../support/test-app.js';
import { followFeed } from '../support/sse-feed.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** How many missions a live feed sent before `count` came or it was closed. */
async function missionsOf(
  port: number,
  count: number,
): Promise<{ missions: number; closing: boolean }> {
  let missions = 0;
  let closing = false;
  await followFeed(port, '/api/live/missions', AS.viewer, (e) => {
    if (e.event === 'mission') missions += 1;
    closing = e.event === 'closing';
    return closing || missions === count;
  });
  return { missions, closing };
}

/**
 * Tells when a live feed has sent its first frame (its retry hint): by then the server has it
 * in the hub, and a catch-up of less than a page has ended, so a change made after comes to it
 * live. Call `frame` from the feed's onEvent; `opened` also settles if the feed ends first.
 */
function opening(): { frame: () => void; opened: (feed: Promise<unknown>) => Promise<unknown> } {
  let frame!: () => void;
  const first = new Promise<void>((resolve) => (frame = resolve));
  return { frame, opened: (feed) => Promise.race([first, feed]) };
}

/**
 * A feed opened from the start replays every mission at the pace its client reads, however
 * many megabytes that is: only a client that stops reading is dropped as too slow.
 */
describe('A live feed catching up', () => {
  let subject: TestApp;
  let port: number;

  beforeAll(async () => {
    // A client that reads nothing is dropped after a second here (30 s by default).
    subject = await startTestApp({ RATE_LIMIT_REQUESTS: '0', LIVE_STALL_SECONDS: '1' });
    await subject.app.listen({ port: 0, host: '127.0.0.1' });
    port = (subject.app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(() => subject.dispose());

  /** A diplomat with a long name and title: about 1.1 KB of a mission's view. */
  const longDiplomat = (missionId: string, i: number) =>
    request(subject.server)
      .post(`/api/missions/${missionId}/diplomats`)
      .set(AS.staff)
      .send({
        name: `${'Long Name '.repeat(19)}${i}`,
        title: 'Counsellor '.repeat(18).trim(),
        role: 'staff',
        dispatchedOn: '2024-05-02',
      })
      .expect(201);

  it('sends a replay of megabytes (200 missions of 8 diplomats each) to a client that keeps reading', async () => {
    const outcomes = Array.from({ length: 4 }, (_, o) => ({
      kind: 'establish-missions',
      summary: `Consulates, round ${o + 1}`,
      missions: Array.from({ length: 50 }, (_, m) => ({
        sendingState: 'NO',
        receivingState: 'SE',
        city: `Town ${o * 50 + m + 1}`,
      })),
    }));
    const meeting = await request(subject.server)
      .post('/api/meetings')
      .set(AS.staff)
      .send({ title: 'Nordic round', heldOn: '2024-05-01', parties: ['NO', 'SE'], outcomes })
      .expect(201);
    const missionIds: string[] = meeting.body.missionIds;
    await request(subject.server)
      .get('/api/missions')
      .query({ minPosition: meeting.body.position })
      .set(AS.viewer)
      .expect(200);
    // About 9 KB of view per mission (longDiplomat): a page of the replay is well over 1 MiB.
    for (let i = 0; i < 8; i += 1) {
      for (let from = 0; from < missionIds.length; from += 50) {
        await Promise.all(missionIds.slice(from, from + 50).map((id) => longDiplomat(id, i)));
      }
    }
    expect(await missionsOf(port, missionIds.length)).toEqual({ missions: 200, closing: false });
  }, 120_000);

  it('keeps a live client reading at once when one change is larger than the 1 MiB it may leave unsent', async () => {
    const plan = (city: string) =>
      request(subject.server)
        .post('/api/missions')
        .set(AS.staff)
        .send({ sendingState: 'DK', receivingState: 'IS', city, agreedOn: '2024-05-01' })
        .expect(201);
    const big = (await plan('Reykjavik')).body.missionId as string;
    const small = (await plan('Akureyri')).body.missionId as string;
    let last = '';
    for (let from = 0; from < 1000; from += 50) {
      const answers = await Promise.all(
        Array.from({ length: 50 }, (_, i) => longDiplomat(big, from + i)),
      );
      last = answers.at(-1)!.body.position as string;
    }
    const view = await request(subject.server)
      .get(`/api/missions/${big}`)
      .query({ minPosition: last })
      .set(AS.viewer)
      .expect(200);
    expect(view.text.length).toBeGreaterThan(1024 * 1024);

    const seen: string[] = [];
    let smallDispatched: Promise<void> | undefined;
    const { frame, opened } = opening();
    const feed = followFeed(
      port,
      '/api/live/missions',
      { ...AS.viewer, 'Last-Event-ID': last },
      (event) => {
        frame();
        if (event.event === 'closing') seen.push('closing');
        if (event.event === 'mission') {
          const id = (JSON.parse(event.data ?? '{}') as { id: string }).id;
          seen.push(id);
          // supertest sends a request once it is awaited or then'd.
          if (id === big) smallDispatched = longDiplomat(small, 0).then(() => undefined);
        }
        return event.event === 'closing' || seen.includes(small);
      },
    );
    await opened(feed);
    await longDiplomat(big, 1000);
    await feed;
    await smallDispatched;
    expect(seen).toEqual([big, small]);
  }, 120_000);

  it('keeps a client reading as it comes through a burst of changes far over a megabyte, and sends it each mission’s last state', async () => {
    const plan = (city: string) =>
      request(subject.server)
        .post('/api/missions')
        .set(AS.staff)
        .send({ sendingState: 'FI', receivingState: 'EE', city, agreedOn: '2024-05-01' })
        .expect(201)
        .then((r) => r.body.missionId as string);
    const missions = await Promise.all(Array.from({ length: 40 }, (_, i) => plan(`Burst ${i}`)));
    // About 60 KB of view each: one change to every mission is ~2.4 MB.
    for (let i = 0; i < 50; i += 1) {
      await Promise.all(missions.map((id) => longDiplomat(id, i)));
    }
    const head = (await longDiplomat(missions[0], 50)).body.position as string;
    // Diplomats 0–49, then 51–53 for each, and 50 for the first.
    const finalCount = (id: string) => (id === missions[0] ? 54 : 53);
    const lastDiplomats = new Map<string, number>();
    const { frame, opened } = opening();
    const feed = followFeed(
      port,
      '/api/live/missions?sendingState=FI',
      { ...AS.viewer, 'Last-Event-ID': head },
      (event) => {
        frame();
        if (event.event === 'closing') return true;
        if (event.event === 'mission') {
          const view = JSON.parse(event.data ?? '{}') as { id: string; diplomats: unknown[] };
          lastDiplomats.set(view.id, view.diplomats.length);
        }
        return missions.every((id) => lastDiplomats.get(id) === finalCount(id));
      },
    );
    await opened(feed);
    for (const round of [51, 52]) {
      await Promise.all(missions.map((id) => longDiplomat(id, round)));
    }
    await longDiplomat(missions[0], 53);
    await Promise.all(missions.slice(1).map((id) => longDiplomat(id, 53)));
    const events = await feed;
    expect(events.map((e) => e.event)).not.toContain('closing');
    expect(missions.every((id) => lastDiplomats.get(id) === finalCount(id))).toBe(true);
  }, 120_000);

  it('sends a midnight’s overdue missions, megabytes of them, at the pace its client reads, and again to one resuming after it', async () => {
    const hub = subject.app.get(LiveMissionsHub);
    const today = new Date().toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const meeting = await request(subject.server)
      .post('/api/meetings')
      .set(AS.staff)
      .send({
        title: 'Baltic round',
        heldOn: '2024-05-01',
        parties: ['LV', 'LT'],
        outcomes: [
          {
            kind: 'establish-missions',
            summary: 'Offices due today',
            missions: Array.from({ length: 40 }, (_, m) => ({
              sendingState: 'LV',
              receivingState: 'LT',
              city: `Due ${m}`,
              targets: { temporaryOfficeBy: today },
            })),
          },
        ],
      })
      .expect(201);
    const ids: string[] = meeting.body.missionIds;
    await request(subject.server)
      .get('/api/missions')
      .query({ minPosition: meeting.body.position })
      .set(AS.viewer)
      .expect(200);
    for (let i = 0; i < 50; i += 1) await Promise.all(ids.map((id) => longDiplomat(id, i)));
    const head = (await longDiplomat(ids[0], 50)).body.position as string;

    const overdue = new Set<string>();
    const open = hub.size;
    const feed = followFeed(
      port,
      '/api/live/missions?sendingState=LV',
      { ...AS.viewer, 'Last-Event-ID': head },
      (event) => {
        if (event.event === 'closing') return true;
        if (event.event === 'mission' && event.id === undefined) {
          overdue.add((JSON.parse(event.data ?? '{}') as { id: string }).id);
        }
        return overdue.size === ids.length;
      },
    );
    for (let i = 0; i < 250 && hub.size === open; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    hub.dayBegan(tomorrow);
    const events = await feed;
    expect(events.map((e) => e.event)).not.toContain('closing');
    expect(overdue.size).toBe(ids.length);

    // A dashboard away over a midnight: no event records it, so the missions that became
    // overdue changed no position, yet a resume sends them (without an id), and only them.
    const late = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        request(subject.server)
          .post('/api/missions')
          .set(AS.staff)
          .send({
            sendingState: 'LT',
            receivingState: 'LV',
            city: `Missed ${i}`,
            agreedOn: '2024-05-01',
            targets: { temporaryOfficeBy: '2024-06-01' },
          })
          .expect(201),
      ),
    );
    await request(subject.server)
      .post('/api/missions')
      .set(AS.staff)
      .send({ sendingState: 'LT', receivingState: 'LV', city: 'On Time', agreedOn: '2024-05-01' })
      .expect(201);
    const away = (await longDiplomat(ids[0], 51)).body.position as string;
    const resumed = (
      await followFeed(
        port,
        '/api/live/missions?sendingState=LT',
        { ...AS.viewer, 'Last-Event-ID': away },
        (() => {
          let missions = 0;
          return (event) => (event.event === 'mission' ? ++missions === 5 : false);
        })(),
      )
    ).filter((e) => e.event === 'mission');
    expect(resumed.map((e) => e.id)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(
      resumed
        .map((e) => (JSON.parse(e.data ?? '{}') as { id: string; overdue: string[] }).id)
        .sort(),
    ).toEqual(late.map((r) => r.body.missionId as string).sort());
  }, 120_000);

  it('drops a live client that leaves what was written unread past LIVE_STALL_SECONDS, and cuts its connection', async () => {
    const hub = subject.app.get(LiveMissionsHub);
    const settle = async (size: number) => {
      for (let i = 0; i < 100 && hub.size !== size; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return hub.size;
    };
    expect(await settle(0)).toBe(0);
    const dispatch = (i: number) =>
      request(subject.server)
        .post('/api/missions/dk-is-reykjavik/diplomats')
        .set(AS.staff)
        .send({ name: `Unread ${i}`, title: 'Attaché', role: 'staff', dispatchedOn: '2024-05-02' })
        .expect(201);
    const head = (await dispatch(0)).body.position as string;
    const socket = connect(port, '127.0.0.1');
    socket.on('error', () => undefined);
    socket.write(
      `GET /api/live/missions HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${TOKENS.viewer}\r\nLast-Event-ID: ${head}\r\n\r\n`,
    );
    socket.pause();
    expect(await settle(1)).toBe(1);
    for (let i = 1; i <= 40 && hub.size > 0; i += 1) {
      await dispatch(i);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(hub.size).toBe(0);
    socket.destroy();
  }, 120_000);
});
