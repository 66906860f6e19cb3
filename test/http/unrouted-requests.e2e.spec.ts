import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { AS, expectProblem, listen, refused } from '../support/http-api.js';
import { expectRawProblem, rawExchange, responsesIn } from '../support/raw-http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** A request body as a client may send it: its bytes and the headers that describe them. */
interface Body {
  readonly headers: Readonly<Record<string, string>>;
  readonly bytes?: Buffer;
}

const JSON_BODY = '{"sendingState":"KR","receivingState":"CU","city":"Havana"}';

const BODIES: readonly (readonly [string, Body])[] = [
  [
    'malformed JSON',
    { headers: { 'Content-Type': 'application/json' }, bytes: Buffer.from('{bad') },
  ],
  [
    'bytes that are not UTF-8',
    { headers: { 'Content-Type': 'application/json' }, bytes: Buffer.from([0xff, 0xfe]) },
  ],
  [
    'JSON declared in latin1',
    {
      headers: { 'Content-Type': 'application/json; charset=latin1' },
      bytes: Buffer.from(JSON_BODY),
    },
  ],
  [
    'gzipped JSON',
    {
      headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
      bytes: gzipSync(JSON_BODY),
    },
  ],
  [
    'valid JSON',
    { headers: { 'Content-Type': 'application/json' }, bytes: Buffer.from(JSON_BODY) },
  ],
  ['plain text', { headers: { 'Content-Type': 'text/plain' }, bytes: Buffer.from('hello') }],
  ['no body', { headers: {} }],
];

/** Requests no route takes, and what each is answered: 405 with its Allow, or 404. */
const UNROUTED: readonly { method: 'post' | 'put'; path: string; allow?: string }[] = [
  { method: 'post', path: '/api/missions/kr-cu-havana', allow: 'GET, HEAD' },
  { method: 'put', path: '/api/missions/kr-cu-havana', allow: 'GET, HEAD' },
  { method: 'post', path: '/health', allow: 'GET, HEAD' },
  { method: 'post', path: '/api/nope' },
];

/**
 * A request no route takes is a 405 naming the methods its path takes (`Allow`), or a 404 on a
 * path the service does not serve, whatever its body holds and whoever sends it: the body is
 * never parsed, and one left unread closes the connection rather than desynchronise it.
 */
describe('Requests no route takes', () => {
  let subject: TestApp;
  let port: number;

  beforeAll(async () => {
    subject = await startTestApp();
    await listen(subject.server);
    port = (subject.server.address() as AddressInfo).port;
  });
  afterAll(() => subject.dispose());

  const send = (
    method: 'post' | 'put',
    path: string,
    { headers, bytes }: Body,
    authorization: Record<string, string> = {},
  ) => {
    const test = request(subject.server)[method](path).set(headers).set(authorization);
    // Sent as the bytes they are: superagent would otherwise JSON-encode the Buffer.
    return bytes === undefined
      ? test
      : test.serialize((raw: Buffer) => raw as unknown as string).send(bytes);
  };

  describe.each(UNROUTED)('$method $path', ({ method, path, allow }) => {
    it.each(BODIES)('answers it sent with %s and no token', async (_, body) => {
      const response = await refused(subject, () => send(method, path, body));
      if (allow === undefined) {
        expectProblem(response, 404, '/problems/not-found');
      } else {
        expectProblem(response, 405, '/problems/method-not-allowed');
        expect(response.headers.allow).toBe(allow);
      }
    });

    it('answers a malformed body from staff the same way', async () => {
      const response = await refused(subject, () => send(method, path, BODIES[0][1], AS.staff));
      expect(response.status).toBe(allow === undefined ? 404 : 405);
      expect(response.headers.allow).toBe(allow);
    });
  });

  /** A request's head and body as written on the wire, then a GET pipelined behind it. */
  const pipelined = (head: string, body: string) =>
    `${head}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}` +
    'GET /health/live HTTP/1.1\r\nHost: localhost\r\n\r\n';

  it('closes the connection after answering a request whose body it did not read, so no byte of that body is taken for a request', async () => {
    const exchange = await rawExchange(
      port,
      pipelined(
        'POST /api/missions/kr-cu-havana HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n',
        '{bad',
      ),
      1000,
    );
    const responses = responsesIn(exchange.text);
    expect(responses.map((r) => r.status)).toEqual([405]);
    expectRawProblem(responses[0], 405, '/problems/method-not-allowed');
    expect(responses[0].headers.allow).toEqual(['GET, HEAD']);
    expect(responses[0].headers.connection).toEqual(['close']);
    expect(exchange.closed).toBe(true);
  });

  it('keeps the connection for the next request after answering one without a body', async () => {
    const exchange = await rawExchange(
      port,
      'PUT /api/missions/kr-cu-havana HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n' +
        'GET /health/live HTTP/1.1\r\nHost: localhost\r\n\r\n',
      1000,
    );
    expect(responsesIn(exchange.text).map((r) => r.status)).toEqual([405, 200]);
    expect(exchange.closed).toBe(false);
  });

  it('answers at once, without 100 Continue, a request that expects one', async () => {
    const exchange = await rawExchange(
      port,
      'POST /api/nope HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n' +
        'Content-Length: 1000\r\nExpect: 100-continue\r\n\r\n',
      5000,
    );
    expect(responsesIn(exchange.text).map((r) => r.status)).toEqual([404]);
    expect(exchange.closed).toBe(true);
    expect(exchange.ms).toBeLessThan(1000);
  });
});
