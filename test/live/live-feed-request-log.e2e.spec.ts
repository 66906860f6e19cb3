import { connect } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { LiveMissionsHub } from '../../src/live/live-missions.hub.js';
import { AS } from '../support/http-api.js';
import { captureLogLines } from '../support/log-lines.js';
import { followFeed } from '../support/sse-feed.js';
import { startListeningApp, TOKENS } from '../support/test-app.js';
import { waitFor } from '../support/wait-for.js';

const FEED_COUNT =
  'envoy_http_requests_total{method="GET",route="/api/live/missions",status="200"}';

/**
 * A live feed is answered once, and so is logged and counted once when it ends, whichever
 * side ends it: Fastify's own hooks only see a feed the server ends.
 */
describe('A live feed (and other long answers) in the request log and metrics', () => {
  const { stream, lines } = captureLogLines();
  let app: NestFastifyApplication;
  let port: number;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    ({ app, port, dispose } = await startListeningApp({ RATE_LIMIT_REQUESTS: '0' }, stream));
  });
  afterAll(() => dispose());

  /**
   * The request lines of one correlation id, once its first has been written and so has the
   * line of a request sent after that: a second line of its own would have come before.
   */
  async function linesOf(correlationId: string): Promise<Record<string, unknown>[]> {
    const of = (id: string) =>
      lines
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .filter((r) => r.req !== undefined && r.correlationId === id);
    await waitFor(`a line of ${correlationId}`, () => of(correlationId).length > 0, 2000, 20);
    const next = `${correlationId}-next`;
    await request(app.getHttpServer())
      .get('/health/live')
      .set('X-Correlation-Id', next)
      .expect(200);
    await waitFor(`the line of ${next}`, () => of(next).length > 0, 2000, 20);
    return of(correlationId);
  }

  async function metrics(): Promise<string> {
    return (await request(app.getHttpServer()).get('/metrics').set(AS.viewer).expect(200)).text;
  }

  it('logs and counts a feed its client closes, once, with its duration', async () => {
    const headers = { ...AS.viewer, 'X-Correlation-Id': 'feed-client-closed' };
    // The client reads the feed's first event, then closes the connection.
    await followFeed(port, '/api/live/missions', headers, () => true);
    expect(await linesOf('feed-client-closed')).toEqual([
      expect.objectContaining({
        level: 30,
        req: { method: 'GET', path: '/api/live/missions', remoteAddress: '127.0.0.1' },
        res: { statusCode: 200 },
        responseTime: expect.any(Number),
        actor: 'test-viewer',
        msg: 'GET /api/live/missions 200',
      }),
    ]);
    const text = await metrics();
    expect(text).toContain(`${FEED_COUNT} 1\n`);
    expect(text).toContain('envoy_sse_clients 0\n');
  });

  it('logs and counts a feed the server ends once, though its client closes too', async () => {
    const headers = { ...AS.viewer, 'X-Correlation-Id': 'feed-server-closed' };
    let opened = false;
    const events = await followFeed(port, '/api/live/missions', headers, (event) => {
      if (!opened) {
        opened = true;
        setImmediate(() => app.get(LiveMissionsHub).closeAll('the test ends it', 1000));
      }
      return event.event === 'closing';
    });
    expect(events.at(-1)?.event).toBe('closing');
    expect(await linesOf('feed-server-closed')).toEqual([
      expect.objectContaining({ res: { statusCode: 200 }, actor: 'test-viewer' }),
    ]);
    const text = await metrics();
    expect(text).toContain(`${FEED_COUNT} 2\n`);
    expect(text).toContain('envoy_sse_clients 0\n');
  });

  it('logs and counts an HTTP/1.0 feed its client closes once, though its end still finishes the answer', async () => {
    const before = (await metrics()).match(
      /envoy_http_requests_total\{method="GET",route="\/api\/live\/missions",status="200"\} (\d+)/,
    )?.[1];
    const socket = connect(port, '127.0.0.1');
    socket.on('error', () => undefined);
    socket.write(
      `GET /api/live/missions HTTP/1.0\r\nAuthorization: Bearer ${TOKENS.viewer}\r\nX-Correlation-Id: feed-http-1-0\r\n\r\n`,
    );
    await new Promise((resolve) => socket.once('data', resolve));
    socket.destroy();
    expect(await linesOf('feed-http-1-0')).toHaveLength(1);
    const after = (await metrics()).match(
      /envoy_http_requests_total\{method="GET",route="\/api\/live\/missions",status="200"\} (\d+)/,
    )?.[1];
    expect(Number(after) - Number(before ?? 0)).toBe(1);
  });

  it('logs an export of the log read whole once, as it follows a download its client may leave', async () => {
    await request(app.getHttpServer())
      .get('/api/events/export')
      .set({ ...AS.auditor, 'X-Correlation-Id': 'export-read-whole' })
      .expect(200);
    expect(await linesOf('export-read-whole')).toEqual([
      expect.objectContaining({ res: { statusCode: 200 }, actor: 'test-auditor' }),
    ]);
  });
});
