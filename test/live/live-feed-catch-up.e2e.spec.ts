import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { AS } from '../support/http-api.js';
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
    // About 9 KB of view per mission: a page of the replay is well over 1 MiB.
    const dispatch = (missionId: string, i: number) =>
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
    for (let i = 0; i < 8; i += 1) {
      for (let from = 0; from < missionIds.length; from += 50) {
        await Promise.all(missionIds.slice(from, from + 50).map((id) => dispatch(id, i)));
      }
    }
    expect(await missionsOf(port, missionIds.length)).toEqual({ missions: 200, closing: false });
  }, 120_000);
});
