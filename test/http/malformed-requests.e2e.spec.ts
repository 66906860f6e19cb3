import type { AddressInfo } from 'node:net';
import { headOf, listen } from '../support/http-api.js';
import { expectRawProblem, rawExchange, responsesIn } from '../support/raw-http.js';
import { startTestApp, TOKENS, type TestApp } from '../support/test-app.js';

/**
 * A request whose head is malformed (a field that may appear once sent twice, an invalid
 * Host, a fragment in the target, a transfer coding or HTTP version the service does not
 * implement, an unknown method) is refused as a problem before it is routed, its token judged
 * or its body read, whatever order its fields come in; nothing is appended. Written on raw
 * sockets: no HTTP client sends such requests.
 */
describe('Malformed request heads', () => {
  let subject: TestApp;
  let port: number;
  const exchange = async (text: string, waitMs = 3000) => {
    const result = await rawExchange(port, text, waitMs);
    return { ...result, responses: responsesIn(result.text) };
  };
  const planBody = (city: string) =>
    JSON.stringify({ sendingState: 'KR', receivingState: 'CU', city });
  /** A plan of a new mission, with these header lines besides Host and Content-Length. */
  const plan = (city: string, headers: string[]) => {
    const body = planBody(city);
    return exchange(
      `POST /api/missions HTTP/1.1\r\nHost: localhost\r\n${headers.join('\r\n')}\r\n` +
        `Content-Length: ${body.length}\r\n\r\n${body}`,
    );
  };
  const get = (target: string, headers: string[] = [`Authorization: Bearer ${TOKENS.viewer}`]) =>
    exchange(
      `GET ${target} HTTP/1.1\r\nHost: localhost\r\n${headers.join('\r\n')}\r\nConnection: close\r\n\r\n`,
    );

  beforeAll(async () => {
    subject = await startTestApp();
    await listen(subject.server);
    port = (subject.server.address() as AddressInfo).port;
  });
  afterAll(() => subject.dispose());

  describe('a field that may appear once, sent twice', () => {
    it('refuses two Authorization headers with a 400 whichever comes first, before judging either; one is served', async () => {
      const before = await headOf(subject);
      for (const tokens of [
        [TOKENS.staff, 'bogus-token-0123456789'],
        ['bogus-token-0123456789', TOKENS.staff],
        [TOKENS.staff, TOKENS.staff],
      ]) {
        const { responses, closed } = await plan('Twice Authorized', [
          ...tokens.map((token) => `Authorization: Bearer ${token}`),
          'Content-Type: application/json',
        ]);
        expect(responses).toHaveLength(1);
        const body = expectRawProblem(responses[0], 400, '/problems/malformed-request');
        expect(body.errors).toEqual([
          { path: 'header:Authorization', message: 'sent more than once' },
        ]);
        expect(responses[0].headers['www-authenticate']).toBeUndefined();
        // Its body was left unread: the connection closes.
        expect(responses[0].headers.connection).toEqual(['close']);
        expect(closed).toBe(true);
      }
      expect(await headOf(subject)).toEqual(before);
      const once = await plan('Once Authorized', [
        `Authorization: Bearer ${TOKENS.staff}`,
        'Content-Type: application/json',
        'Connection: close',
      ]);
      expect(once.responses.map((r) => r.status)).toEqual([201]);
    });

    it('refuses two Content-Type headers with a 400 whichever comes first', async () => {
      const before = await headOf(subject);
      for (const types of [
        ['application/json', 'text/plain'],
        ['text/plain', 'application/json'],
      ]) {
        const { responses, closed } = await plan('Twice Typed', [
          `Authorization: Bearer ${TOKENS.staff}`,
          ...types.map((type) => `content-type: ${type}`),
        ]);
        const body = expectRawProblem(responses[0], 400, '/problems/malformed-request');
        expect(body.errors).toEqual([
          { path: 'header:Content-Type', message: 'sent more than once' },
        ]);
        expect(closed).toBe(true);
      }
      expect(await headOf(subject)).toEqual(before);
    });

    it('refuses two Host headers, and a Host that is no host[:port], before the route or the token; a valid one is served', async () => {
      for (const host of [
        'Host: localhost\r\nHost: evil.example',
        'Host: a b',
        'Host: user@evil.example',
        'Host: localhost:80x',
      ]) {
        const { responses } = await exchange(
          `GET /api/nowhere HTTP/1.1\r\n${host}\r\nConnection: close\r\n\r\n`,
        );
        expect({ host, status: responses[0]?.status }).toEqual({
          host,
          status: 400,
        });
        expectRawProblem(responses[0], 400, '/problems/malformed-request');
      }
      for (const host of [
        'localhost:3000',
        '127.0.0.1',
        '[::1]:8080',
        'xn--bcher-kva.example',
        '',
      ]) {
        const { responses } = await exchange(
          `GET /health/live HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`,
        );
        expect({ host, status: responses[0]?.status }).toEqual({
          host,
          status: 200,
        });
      }
    });
  });

  describe('HTTP versions', () => {
    it('answers a major version other than 1 with a 505 and closes, Host or not; HTTP/1.0 is served', async () => {
      for (const version of ['HTTP/2.0', 'HTTP/0.9', 'HTTP/3.0']) {
        const { responses, closed } = await exchange(`GET /api/missions ${version}\r\n\r\n`);
        expect({ version, status: responses[0]?.status }).toEqual({
          version,
          status: 505,
        });
        expectRawProblem(responses[0], 505, '/problems/http-version-not-supported');
        expect(responses[0].headers.connection).toEqual(['close']);
        expect(closed).toBe(true);
      }
      const old = await exchange(
        `GET /api/missions?limit=1 HTTP/1.0\r\nAuthorization: Bearer ${TOKENS.viewer}\r\n\r\n`,
      );
      expect(old.responses.map((r) => r.status)).toEqual([200]);
    });
  });

  describe('a fragment in the request target', () => {
    it('refuses a target with # before routing it; the same request without is served', async () => {
      for (const target of ['/api/missions#limit=1', '/api/missions/kr-cu-havana#section']) {
        const { responses } = await get(target);
        const body = expectRawProblem(responses[0], 400, '/problems/malformed-request');
        expect(body.detail).toMatch(/fragment/);
      }
      const { responses } = await get('/api/missions?limit=1');
      expect(responses.map((r) => r.status)).toEqual([200]);
    });
  });

  describe('transfer codings', () => {
    it('answers a transfer coding other than chunked with a 501 before reading the body; chunked alone is read', async () => {
      const chunked = (coding: string, city: string) => {
        const text = planBody(city);
        return exchange(
          `POST /api/missions HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${TOKENS.staff}\r\n` +
            `Content-Type: application/json\r\n${coding}\r\nConnection: close\r\n\r\n` +
            `${text.length.toString(16)}\r\n${text}\r\n0\r\n\r\n`,
        );
      };
      const before = await headOf(subject);
      for (const coding of [
        'Transfer-Encoding: gzip, chunked',
        'Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked',
      ]) {
        const { responses, closed } = await chunked(coding, 'Gzip Chunked');
        expect(responses).toHaveLength(1);
        const problem = expectRawProblem(responses[0], 501, '/problems/not-implemented');
        expect(problem.detail).toMatch(/gzip, chunked/);
        expect(responses[0].headers.connection).toEqual(['close']);
        expect(closed).toBe(true);
      }
      expect(await headOf(subject)).toEqual(before);
      const plain = await chunked('Transfer-Encoding: Chunked', 'Plain Chunked');
      expect(plain.responses.map((r) => r.status)).toEqual([201]);
    });
  });

  describe('methods', () => {
    it('answers a method Node does not know with a 501 and closes; what is not HTTP stays a 400', async () => {
      const { responses, closed } = await exchange(
        'GET /health/live HTTP/1.1\r\nHost: localhost\r\n\r\nFOO /api/missions HTTP/1.1\r\nHost: localhost\r\n\r\n',
      );
      expect(responses.map((r) => r.status)).toEqual([200, 501]);
      const body = expectRawProblem(responses[1], 501, '/problems/not-implemented');
      expect(body.detail).toMatch(/^FOO /);
      expect(responses[1].headers.connection).toEqual(['close']);
      expect(closed).toBe(true);
      const notHttp = await exchange('HELLO THERE\r\n\r\n');
      expectRawProblem(notHttp.responses[0], 400, '/problems/malformed-request');
    });
  });
});
