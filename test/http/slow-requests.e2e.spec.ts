import type { AddressInfo } from 'node:net';
import { request as httpRequest } from 'node:http';
import request from 'supertest';
import { AS, listen } from '../support/http-api.js';
import { expectRawProblem, rawExchange, responsesIn } from '../support/raw-http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const REQUEST_TIMEOUT_SECONDS = 2;

/** A command's head, announcing a body of `length` bytes. */
const commandHead = (length: number, authorization = '') =>
  'POST /api/missions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n' +
  `${authorization}Content-Length: ${length}\r\n\r\n`;
const STAFF = `Authorization: ${AS.staff.Authorization}\r\n`;

/**
 * A client may not hold a connection by sending a request slowly or leaving it incomplete:
 * the whole request must arrive within REQUEST_TIMEOUT_SECONDS (then 408), and a request
 * refused before its body was read has its connection closed. Answers may take as long as
 * they need: a live feed stays open.
 */
describe('Requests sent slowly or left incomplete', () => {
  let subject: TestApp;
  let port: number;

  beforeAll(async () => {
    subject = await startTestApp({ REQUEST_TIMEOUT_SECONDS: String(REQUEST_TIMEOUT_SECONDS) });
    await listen(subject.server);
    port = (subject.server.address() as AddressInfo).port;
  });
  afterAll(() => subject.dispose());

  it('answers a request whose body stops arriving with a 408 problem once the request timeout passes, and closes the connection', async () => {
    const exchange = await rawExchange(
      port,
      `${commandHead(1000, `${STAFF}X-Correlation-Id: slow-1\r\n`)}{`,
      10_000,
    );
    expect(exchange.closed).toBe(true);
    expect(exchange.ms).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_SECONDS * 1000 - 100);
    expect(exchange.ms).toBeLessThan((REQUEST_TIMEOUT_SECONDS + 2) * 1000);
    const [response] = responsesIn(exchange.text);
    expectRawProblem(response, 408, '/problems/request-timeout');
    expect(response.headers['x-correlation-id']).toEqual(['slow-1']);
    // Counted (and logged) as the 408 it was answered with, not as a client that left.
    const metrics = await request(subject.server).get('/metrics').set(AS.viewer).expect(200);
    expect(metrics.text).toContain(
      'envoy_http_requests_total{method="POST",route="/api/missions",status="408"} 1',
    );
    expect(metrics.text).not.toContain('status="499"');
  });

  it('bounds the time to send the head of a request too', async () => {
    const exchange = await rawExchange(port, 'GET /health HTTP/1.1\r\nHost: local', 10_000);
    expect(exchange.closed).toBe(true);
    expectRawProblem(responsesIn(exchange.text)[0], 408, '/problems/request-timeout');
  });

  it('closes the connection at once after refusing a request before its body arrived', async () => {
    const exchange = await rawExchange(port, `${commandHead(1000)}{`, 10_000);
    expect(exchange.closed).toBe(true);
    expect(exchange.ms).toBeLessThan(1000);
    const [response] = responsesIn(exchange.text);
    expect(response.status).toBe(401);
    expect(response.headers.connection).toEqual(['close']);
  });

  it('keeps the connection for the next request after refusing one whose body it read', async () => {
    const body = '{"city":"Havana"}';
    const exchange = await rawExchange(
      port,
      `${commandHead(Buffer.byteLength(body), STAFF)}${body}GET /health/live HTTP/1.1\r\nHost: localhost\r\n\r\n`,
      1000,
    );
    expect(responsesIn(exchange.text).map((r) => r.status)).toEqual([400, 200]);
    expect(exchange.closed).toBe(false);
  });

  it.each([
    ['malformed JSON', '{"on":'],
    ['only whitespace', '   '],
    ['nothing', ''],
  ])('keeps the connection after refusing a body of %s it read whole', async (_label, body) => {
    const exchange = await rawExchange(
      port,
      `${commandHead(Buffer.byteLength(body), STAFF)}${body}GET /health/live HTTP/1.1\r\nHost: localhost\r\n\r\n`,
      1000,
    );
    expect(responsesIn(exchange.text).map((r) => r.status)).toEqual([400, 200]);
    expect(exchange.closed).toBe(false);
  });

  it('refuses a HEAD that declares a body before reading it, and closes the connection', async () => {
    const exchange = await rawExchange(
      port,
      `HEAD /health HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 7\r\n\r\n{"a":1}`,
      1000,
    );
    expect(responsesIn(exchange.text).map((r) => r.status)).toEqual([400]);
    expect(exchange.closed).toBe(true);
  });

  it('keeps a live feed open past the request timeout and sends it what happens', async () => {
    const received = new Promise<string>((resolve, reject) => {
      const feed = httpRequest(
        { host: '127.0.0.1', port, path: '/api/live/missions', headers: AS.viewer },
        (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            text += chunk;
            if (text.includes('slow-feed-city')) {
              feed.destroy();
              resolve(text);
            }
          });
        },
      );
      feed.on('error', reject);
      feed.end();
    });
    // Waiting is the point here: the feed outlives the time a request may take to arrive.
    await new Promise((resolve) => setTimeout(resolve, (REQUEST_TIMEOUT_SECONDS + 1.5) * 1000));
    await request(subject.server)
      .post('/api/missions')
      .set(AS.staff)
      .send({ sendingState: 'KR', receivingState: 'CU', city: 'Slow Feed City' })
      .expect(201);
    expect(await received).toContain('kr-cu-slow-feed-city');
  });
});
