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
 * A feed opened from the start replays every mission at the pace its client reads, however
 * many megabytes that is: only a client that stops reading is dropped as too slow.
 */
describe('A live feed catching up', () => {
  let subject: TestApp;
  let port: number;

  beforeAll(async () => {
    subject = await startTestApp({ RATE_LIMIT_REQUESTS: '0' });
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
    const feed = followFeed(
      port,
      '/api/live/missions',
      { ...AS.viewer, 'Last-Event-ID': last },
      (event) => {
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
    await new Promise((resolve) => setTimeout(resolve, 200));
    await longDiplomat(big, 1000);
    await feed;
    await smallDispatched;
    expect(seen).toEqual([big, small]);
  }, 120_000);

  it('still drops a live client that reads nothing while changes pile up past the limit', async () => {
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
