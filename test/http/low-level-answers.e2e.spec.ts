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
  const exchange = async (text: string, waitMs = 5000) => {
    const result = await rawExchange(port, text, waitMs);
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

  it('answers a request that is not HTTP as a malformed request (400) and closes the connection', async () => {
    const { responses, closed } = await exchange('HELLO THERE\r\n\r\n');
    expectRawProblem(responses[0], 400, '/problems/malformed-request');
    expect(closed).toBe(true);
  });

  it('answers a whole request before refusing what follows it that is not HTTP', async () => {
    const { responses, closed } = await exchange(
      'GET /health/live HTTP/1.1\r\nHost: localhost\r\n\r\n{"sent":"unframed"}',
    );
    expect(responses.map((r) => r.status)).toEqual([200, 400]);
    expectRawProblem(responses[1], 400, '/problems/malformed-request');
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

  describe('given a staff request expecting 100-continue, its body not sent yet', () => {
    const expecting = (headers: string) =>
      exchange(
        `POST /api/missions HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${TOKENS.staff}\r\n` +
          `${headers}Expect: 100-continue\r\n\r\n`,
      );

    it('answers a Content-Length over 1 MiB with 413 at once, without 100, and closes the connection', async () => {
      const { responses, closed, ms } = await expecting(
        'Content-Type: application/json\r\nContent-Length: 5000000\r\n',
      );
      expect(responses.map((r) => r.status)).toEqual([413]);
      expectRawProblem(responses[0], 413, '/problems/payload-too-large');
      expect(responses[0].headers.connection).toEqual(['close']);
      expect(closed).toBe(true);
      expect(ms).toBeLessThan(2000);
    });

    it('answers a body that is not JSON with 415 at once, without 100, and closes the connection', async () => {
      for (const contentType of ['text/plain', 'application/x-www-form-urlencoded']) {
        const { responses, closed } = await expecting(
          `Content-Type: ${contentType}\r\nContent-Length: 12\r\n`,
        );
        expect(responses.map((r) => r.status)).toEqual([415]);
        expectRawProblem(responses[0], 415, '/problems/unsupported-media-type');
        expect(responses[0].headers.connection).toEqual(['close']);
        expect(closed).toBe(true);
      }
    });

    it('answers JSON it would refuse by its headers (another charset, compressed) with 415 at once', async () => {
      for (const headers of [
        'Content-Type: application/json; charset=iso-8859-1\r\n',
        'Content-Type: application/json\r\nContent-Encoding: gzip\r\n',
      ]) {
        const { responses, closed } = await expecting(`${headers}Content-Length: 12\r\n`);
        expect(responses.map((r) => r.status)).toEqual([415]);
        expect(closed).toBe(true);
      }
    });

    it('answers 100 to a JSON body within the limit, a body at the limit and one declared in UTF-8', async () => {
      for (const headers of [
        'Content-Type: application/json\r\nContent-Length: 12\r\n',
        `Content-Type: application/json\r\nContent-Length: ${1024 * 1024}\r\n`,
        'Content-Type: Application/JSON; charset=UTF-8\r\nContent-Length: 12\r\n',
      ]) {
        const { responses } = await rawExchange(
          port,
          `POST /api/missions HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${TOKENS.staff}\r\n` +
            `${headers}Expect: 100-continue\r\n\r\n`,
          300,
        ).then((result) => ({ responses: responsesIn(result.text) }));
        expect(responses.map((r) => r.status)).toEqual([100]);
      }
    });

    it('still checks the caller first: a viewer’s oversized request is a 403', async () => {
      const { responses } = await exchange(
        `POST /api/missions HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${TOKENS.viewer}\r\n` +
          'Content-Type: text/plain\r\nContent-Length: 5000000\r\nExpect: 100-continue\r\n\r\n',
      );
      expect(responses.map((r) => r.status)).toEqual([403]);
    });

    it('leaves a request without Expect as it was: a text body is read, then refused with 415, and the connection kept', async () => {
      const { responses, closed } = await rawExchange(
        port,
        `POST /api/missions HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${TOKENS.staff}\r\n` +
          'Content-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello',
        500,
      ).then((result) => ({ ...result, responses: responsesIn(result.text) }));
      expect(responses.map((r) => r.status)).toEqual([415]);
      expect(closed).toBe(false);
    });
  });

  it('says Connection: close on every refusal of a body read whole when the client asked to close, and keeps the connection otherwise', async () => {
    for (const [type, body, status] of [
      ['text/plain', 'hello', 415],
      ['application/json', '{"city":', 400],
      ['application/json; charset=latin1', '{}', 415],
    ] as const) {
      const send = (connection: string, waitMs?: number) =>
        exchange(
          `POST /api/missions HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${TOKENS.staff}\r\n` +
            `Content-Type: ${type}\r\nContent-Length: ${body.length}\r\n${connection}\r\n${body}`,
          waitMs,
        );
      const closing = await send('Connection: close\r\n');
      expect({ type, status: closing.responses[0]?.status }).toEqual({ type, status });
      expect(closing.responses[0].headers.connection).toEqual(['close']);
      expect(closing.closed).toBe(true);
      const kept = await send('', 800);
      expect(kept.responses[0].status).toBe(status);
      expect(kept.responses[0].headers.connection).not.toEqual(['close']);
      expect(kept.closed).toBe(false);
    }
  });
});
