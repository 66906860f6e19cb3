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
  // An empty id matches a route's parameter, but names nothing the route serves.
  { method: 'post', path: '/api/missions//diplomats' },
  { method: 'post', path: '/api/missions/kr-cu-havana/diplomats//arrival' },
  { method: 'post', path: '/api/missions/' },
  { method: 'post', path: '/health/' },
  { method: 'put', path: '/api/%6Deetings', allow: 'GET, HEAD, POST' },
];

/**
 * Paths as a client may write them, and the methods the service serves each for, as Fastify's
 * router reads the path: a trailing slash, a doubled slash or an empty id make another path
 * (served for nothing here), a percent-encoded letter is that letter, a query string is no part
 * of it.
 */
const PATHS: readonly (readonly [path: string, allow: string])[] = [
  ['/api/missions', 'GET, HEAD, POST'],
  ['/api/missions/', ''],
  ['/api/missions/?limit=5', ''],
  ['/api//missions', ''],
  ['/api/missions//diplomats', ''],
  ['/api/missions//history', ''],
  ['/api/missions/kr-cu-havana/diplomats//arrival', ''],
  ['/api/missions/kr-cu-havana/', ''],
  ['/api/missions/kr-cu-havana/history/', ''],
  ['/api/missions/kr-cu-havana/%68istory', 'GET, HEAD'],
  ['/api/meetings/', ''],
  ['/api/%6Deetings', 'GET, HEAD, POST'],
  ['/api/%6Deetings?limit=5', 'GET, HEAD, POST'],
  ['/api/relations/br-vn/', ''],
  ['/metrics/', ''],
  ['/health', 'GET, HEAD'],
  ['/health/', ''],
];

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
type Method = (typeof METHODS)[number];

const SENT = PATHS.flatMap(([path, allow]) =>
  METHODS.map((method) => ({ method, path, allow, served: allow.split(', ').includes(method) })),
);
/** Each path with each method its Allow names. */
const SERVED = SENT.filter(({ served }) => served);
/** Each path with each method its Allow leaves out. */
const NOT_SERVED = SENT.filter(({ served }) => !served);

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

  const sendAs = (
    { method, path }: { method: Method; path: string },
    authorization: Record<string, string> = {},
  ) => request(subject.server)[method.toLowerCase() as 'get'](path).set(authorization);

  it.each(SERVED)(
    'routes $method $path, a method its Allow names, to its route: the token is asked for',
    async (sent) => {
      const response = await sendAs(sent);
      expect(response.status).toBe(sent.path.startsWith('/health') ? 200 : 401);
    },
  );

  it.each(NOT_SERVED)(
    'answers $method $path before the token, with or without one, as a request no route takes',
    async (sent) => {
      const { method, allow } = sent;
      for (const authorization of [{}, AS.staff]) {
        const response = await sendAs(sent, authorization);
        if (allow === '') {
          expect(response.status).toBe(404);
        } else {
          expect(response.status).toBe(405);
          expect(response.headers.allow).toBe(allow);
        }
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        if (method !== 'HEAD') {
          expect(response.body.detail).toBe(
            allow === ''
              ? 'No such resource: the service serves nothing at this path.'
              : `${method} is not allowed here; this path takes ${allow}.`,
          );
        }
      }
    },
  );

  /** A request's head and body as written on the wire, then a GET pipelined behind it. */
  const pipelined = (head: string, body: string) =>
    `${head}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}` +
    'GET /health/live HTTP/1.1\r\nHost: localhost\r\n\r\n';

  /** Request lines no route takes, each with the answer it gets: 405 and its Allow, or 404. */
  const ANSWERED: readonly { line: string; status: number; allow?: string }[] = [
    { line: 'POST /api/missions/kr-cu-havana', status: 405, allow: 'GET, HEAD' },
    { line: 'POST /api/missions//diplomats', status: 404 },
    { line: 'DELETE /api/%6Deetings', status: 405, allow: 'GET, HEAD, POST' },
  ];

  it.each(ANSWERED)(
    'closes the connection after answering $line, whose body it did not read, so no byte of that body is taken for a request',
    async ({ line, status, allow }) => {
      const exchange = await rawExchange(
        port,
        pipelined(
          `${line} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n`,
          '{bad',
        ),
        1000,
      );
      const responses = responsesIn(exchange.text);
      expect(responses.map((r) => r.status)).toEqual([status]);
      expectRawProblem(
        responses[0],
        status,
        status === 404 ? '/problems/not-found' : '/problems/method-not-allowed',
      );
      expect(responses[0].headers.allow).toEqual(allow === undefined ? undefined : [allow]);
      expect(responses[0].headers.connection).toEqual(['close']);
      expect(exchange.closed).toBe(true);
    },
  );

  it.each(ANSWERED)(
    'keeps the connection for the next request after answering $line without a body',
    async ({ line, status }) => {
      const exchange = await rawExchange(
        port,
        `${line} HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n` +
          'GET /health/live HTTP/1.1\r\nHost: localhost\r\n\r\n',
        1000,
      );
      expect(responsesIn(exchange.text).map((r) => r.status)).toEqual([status, 200]);
      expect(exchange.closed).toBe(false);
    },
  );

  it('answers OPTIONS * (about the server, not a path) 404: no route takes a target without a leading slash', async () => {
    const exchange = await rawExchange(port, 'OPTIONS * HTTP/1.1\r\nHost: localhost\r\n\r\n', 500);
    const [response] = responsesIn(exchange.text);
    expectRawProblem(response, 404, '/problems/not-found');
    expect(response.headers.allow).toBeUndefined();
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
