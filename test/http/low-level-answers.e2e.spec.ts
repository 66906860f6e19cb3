import type { AddressInfo } from 'node:net';
import { listen } from '../support/http-api.js';
import { expectRawProblem, rawExchange, responsesIn } from '../support/raw-http.js';
import { startTestApp, TOKENS, type TestApp } from '../support/test-app.js';

/**
 * What Node's HTTP server would answer by itself, before Fastify sees a request (no Host, an
 * unknown Expect, CONNECT, a request that is not HTTP, headers too large), is a problem like
 * every other answer: application/problem+json, a stable type, the security headers and a
 * correlation id.
 */
describe('Answers below the routes', () => {
  let subject: TestApp;
  let port: number;
  const exchange = async (text: string) => {
    const result = await rawExchange(port, text, 5000);
    return { ...result, responses: responsesIn(result.text) };
  };

  beforeAll(async () => {
    subject = await startTestApp();
    await listen(subject.server);
    port = (subject.server.address() as AddressInfo).port;
  });
  afterAll(() => subject.dispose());

  it('refuses an HTTP/1.1 request without Host with a 400 problem; HTTP/1.0 needs none', async () => {
    const { responses } = await exchange(
      'GET /health HTTP/1.1\r\nX-Correlation-Id: hostless-1\r\n\r\n',
    );
    expectRawProblem(responses[0], 400, '/problems/host-required');
    expect(responses[0].headers['x-correlation-id']).toEqual(['hostless-1']);
    const old = await exchange('GET /health/live HTTP/1.0\r\n\r\n');
    expect(old.responses.map((r) => r.status)).toEqual([200]);
  });

  it('answers an Expect it cannot meet with a 417 problem and closes the connection', async () => {
    const { responses, closed } = await exchange(
      'GET /health HTTP/1.1\r\nHost: localhost\r\nExpect: 200-ok\r\nX-Correlation-Id: expect-1\r\n\r\n',
    );
    const body = expectRawProblem(responses[0], 417, '/problems/expectation-failed');
    expect(body.detail).toMatch(/200-ok/);
    expect(responses[0].headers['x-correlation-id']).toEqual(['expect-1']);
    expect(closed).toBe(true);
  });

  it('answers CONNECT with a 405 problem whose Allow lists nothing: this is no proxy', async () => {
    const { responses, closed } = await exchange(
      'CONNECT example.org:443 HTTP/1.1\r\nHost: example.org:443\r\n\r\n',
    );
    expectRawProblem(responses[0], 405, '/problems/method-not-allowed');
    expect(responses[0].headers.allow).toEqual(['']);
    expect(closed).toBe(true);
  });

  it('answers a request that is not HTTP with a 400 problem and closes the connection', async () => {
    const { responses, closed } = await exchange('HELLO THERE\r\n\r\n');
    expectRawProblem(responses[0], 400, '/problems/validation-failed');
    expect(closed).toBe(true);
  });

  it('answers a whole request before refusing what follows it that is not HTTP', async () => {
    const { responses, closed } = await exchange(
      'GET /health/live HTTP/1.1\r\nHost: localhost\r\n\r\n{"sent":"unframed"}',
    );
    expect(responses.map((r) => r.status)).toEqual([200, 400]);
    expectRawProblem(responses[1], 400, '/problems/validation-failed');
    expect(closed).toBe(true);
  });

  it('answers headers too large with a 431 problem and closes the connection', async () => {
    const { responses, closed } = await exchange(
      `GET /health HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'x'.repeat(20_000)}\r\n\r\n`,
    );
    expectRawProblem(responses[0], 431, '/problems/headers-too-large');
    expect(closed).toBe(true);
  });

  it('answers Expect: 100-continue with 100 only once the caller may send the body; a refusal comes at once, without it', async () => {
    const body = JSON.stringify({ sendingState: 'KR', receivingState: 'CU', city: 'Continue' });
    const post = (token: string) =>
      exchange(
        `POST /api/missions HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${token}\r\n` +
          `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n` +
          `Expect: 100-continue\r\nConnection: close\r\n\r\n${body}`,
      );
    const accepted = await post(TOKENS.staff);
    expect(accepted.responses.map((r) => r.status)).toEqual([100, 201]);
    const unknown = await post('not-a-token-0123456789');
    expect(unknown.responses.map((r) => r.status)).toEqual([401]);
    const viewer = await post(TOKENS.viewer);
    expect(viewer.responses.map((r) => r.status)).toEqual([403]);
    // HTTP/1.0 has no interim answers: the final one only.
    const old = await exchange(
      `POST /api/missions HTTP/1.0\r\nAuthorization: Bearer ${TOKENS.staff}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n` +
        `Expect: 100-continue\r\n\r\n${body}`,
    );
    expect(old.responses.map((r) => r.status)).toEqual([200]);
  });
});
