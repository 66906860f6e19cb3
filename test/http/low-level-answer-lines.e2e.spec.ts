import { captureLogLines } from '../support/log-lines.js';
import { rawExchange, responsesIn, type RawResponse } from '../support/raw-http.js';
import { startListeningApp } from '../support/test-app.js';
import { waitFor } from '../support/wait-for.js';

const HEAD = 'Host: localhost\r\n';
const REQUEST_TIMEOUT_SECONDS = 2;

/**
 * Every answer gets one request line, so that an operator given the correlation id of an
 * answer finds it: those Node's HTTP parser refuses before Fastify sees a request (with a
 * correlation id of their own, the request's headers unread) and those written beside
 * Fastify (an Expect it cannot meet, CONNECT) as much as the routed ones.
 */
describe('The request log of answers below the routes', () => {
  const { stream, lines } = captureLogLines();
  let port: number;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    ({ port, dispose } = await startListeningApp(
      { REQUEST_TIMEOUT_SECONDS: String(REQUEST_TIMEOUT_SECONDS) },
      stream,
    ));
  });
  afterAll(() => dispose());

  const requestLines = () =>
    lines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((record) => record.req !== undefined);

  /**
   * The request lines of each answer's correlation id, once the line of a request sent after
   * them has been written: a second line of theirs would have come before it.
   */
  async function linesOf(responses: RawResponse[]): Promise<Record<string, unknown>[][]> {
    const next = `after-${lines.length}`;
    await rawExchange(
      port,
      `GET /health/live HTTP/1.1\r\n${HEAD}X-Correlation-Id: ${next}\r\nConnection: close\r\n\r\n`,
    );
    await waitFor(`the line of ${next}`, () =>
      requestLines().some((r) => r.correlationId === next),
    );
    return responses.map((response) => {
      const [id] = response.headers['x-correlation-id'];
      return requestLines().filter((r) => r.correlationId === id);
    });
  }

  async function answersTo(request: string | Buffer): Promise<RawResponse[]> {
    return responsesIn((await rawExchange(port, request, 5000)).text);
  }

  describe.each([
    [
      'headers too large',
      `GET /api/missions HTTP/1.1\r\n${HEAD}X-Big: ${'x'.repeat(17_000)}\r\n\r\n`,
      431,
      'GET',
      '/api/missions',
    ],
    [
      'a control byte in a header value',
      `GET /api/missions HTTP/1.1\r\n${HEAD}X-Odd: a\x01b\r\n\r\n`,
      400,
      'GET',
      '/api/missions',
    ],
    [
      'a lone CR in a header value',
      `GET /api/missions HTTP/1.1\r\n${HEAD}X-Odd: a\rb\r\n\r\n`,
      400,
      'GET',
      '/api/missions',
    ],
    [
      'a lone LF in a header value',
      `GET /api/missions HTTP/1.1\r\n${HEAD}X-Odd: a\nb\r\n\r\n`,
      400,
      'GET',
      '/api/missions',
    ],
    [
      'an ESC in a header value',
      `GET /api/missions HTTP/1.1\r\n${HEAD}X-Odd: a\x1bb\r\n\r\n`,
      400,
      'GET',
      '/api/missions',
    ],
    [
      'a header name with a space',
      `GET /api/missions HTTP/1.1\r\n${HEAD}X Odd: a\r\n\r\n`,
      400,
      'GET',
      '/api/missions',
    ],
    [
      'Content-Length and Transfer-Encoding together',
      `POST /api/missions HTTP/1.1\r\n${HEAD}Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
      400,
      'POST',
      '/api/missions',
    ],
    [
      'Content-Length twice',
      `POST /api/missions HTTP/1.1\r\n${HEAD}Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}`,
      400,
      'POST',
      '/api/missions',
    ],
    [
      'a method the service does not know',
      `FOO /api/missions?limit=1 HTTP/1.1\r\n${HEAD}\r\n`,
      501,
      'FOO',
      '/api/missions',
    ],
    [
      'an HTTP version Node does not read',
      `GET /api/missions HTTP/3.0\r\n${HEAD}\r\n`,
      505,
      'GET',
      '/api/missions',
    ],
    [
      'an HTTP version Node reads and the service does not speak',
      `GET /api/missions HTTP/2.0\r\n${HEAD}\r\n`,
      505,
      'GET',
      '/api/missions',
    ],
    [
      'a transfer coding other than chunked',
      `POST /api/missions HTTP/1.1\r\n${HEAD}Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n`,
      501,
      'POST',
      '/api/missions',
    ],
    ['bytes that are not HTTP', 'HELLO THERE\r\n\r\n', 400, '-', '-'],
    [
      'an Expect other than 100-continue',
      `GET /health HTTP/1.1\r\n${HEAD}Expect: 200-ok\r\n\r\n`,
      417,
      'GET',
      '/health',
    ],
    [
      'CONNECT',
      'CONNECT example.org:443 HTTP/1.1\r\nHost: example.org:443\r\n\r\n',
      405,
      'CONNECT',
      'example.org:443',
    ],
  ])('given %s', (_what, request, status, method, path) => {
    it(`logs its ${status} answer once, under the answer's correlation id`, async () => {
      const responses = await answersTo(request);
      expect(responses.map((r) => r.status)).toEqual([status]);
      expect(await linesOf(responses)).toEqual([
        [
          expect.objectContaining({
            // A 501 or 505 says what the client sent: logged as a 4xx is, not as a failure.
            level: 30,
            req: { method, path, remoteAddress: '127.0.0.1' },
            res: { statusCode: status },
            responseTime: expect.any(Number),
          }),
        ],
      ]);
    });
  });

  it('logs the 408 of a head not received in time once, its request line unread', async () => {
    const responses = await answersTo('GET /api/missions HTTP/1.1\r\nHost: local');
    expect(responses.map((r) => r.status)).toEqual([408]);
    expect(await linesOf(responses)).toEqual([
      [expect.objectContaining({ req: expect.objectContaining({ method: '-', path: '-' }) })],
    ]);
  });

  it('logs a path of raw bytes outside ASCII as the bytes read, escaped', async () => {
    const responses = await answersTo(
      Buffer.concat([
        Buffer.from('GET /api/caf'),
        Buffer.from([0xc3, 0xa9]),
        Buffer.from(` HTTP/1.1\r\n${HEAD}\r\n`),
      ]),
    );
    expect(responses.map((r) => r.status)).toEqual([400]);
    const [[line]] = await linesOf(responses);
    expect(line).toMatchObject({
      req: { method: 'GET', path: '/api/caf\u00c3\u00a9' },
      res: { statusCode: 400 },
    });
  });

  it('logs both answers once when bytes that are not HTTP follow a whole request', async () => {
    const responses = await answersTo(
      `GET /health/live HTTP/1.1\r\n${HEAD}X-Correlation-Id: pipelined-1\r\n\r\n{"sent":"unframed"}`,
    );
    expect(responses.map((r) => r.status)).toEqual([200, 400]);
    const [first, second] = await linesOf(responses);
    expect(first).toEqual([
      expect.objectContaining({ req: expect.objectContaining({ path: '/health/live' }) }),
    ]);
    expect(second).toEqual([
      expect.objectContaining({
        req: expect.objectContaining({ method: '-', path: '-' }),
        res: { statusCode: 400 },
      }),
    ]);
  });
});
