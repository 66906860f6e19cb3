import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createApp } from '../../src/app.factory.js';
import { loadConfig } from '../../src/config/config.js';
import { Drain } from '../../src/operations/drain.js';
import { connect } from 'node:net';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port.js';
import { AS, DIPLOMAT, expectProblem, headOf, listen, planMission } from '../support/http-api.js';
import { waitFor } from '../support/wait-for.js';
import { captureLogLines } from '../support/log-lines.js';
import { expectRawProblem, rawExchange, responsesIn } from '../support/raw-http.js';
import { AUTH_TOKENS, startTestApp, TOKENS, type TestApp } from '../support/test-app.js';

describe('Structured logs', () => {
  const { stream, lines } = captureLogLines();
  const dataDir = mkdtempSync(join(tmpdir(), 'envoy-logs-'));
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createApp(loadConfig({ DATA_DIR: dataDir, DURABILITY: 'relaxed', AUTH_TOKENS }), {
      logger: stream,
    });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });
  afterAll(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('writes one JSON line per request with its correlation id, and no token or diplomat name', async () => {
    const server = app.getHttpServer();
    const missionId = await planMission(server, 'Logged City');
    const secretName = 'Ms Very Private Diplomat';
    await request(server)
      .post(`/api/missions/${missionId}/diplomats`)
      .set(AS.staff)
      .set('X-Correlation-Id', 'log-check-1')
      .send({ ...DIPLOMAT, name: secretName })
      .expect(201);
    await request(server)
      .get('/api/missions')
      .set('Authorization', 'Bearer wrong-token-0123456789abc')
      .expect(401);
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const requests = records.filter((r) => r.req !== undefined);
    expect(requests.length).toBeGreaterThanOrEqual(3);
    for (const r of requests) expect(r.correlationId).toEqual(expect.any(String));
    const history = await request(server)
      .get(`/api/missions/${missionId}/history`)
      .set(AS.auditor)
      .expect(200);
    const dispatched = (history.body.events as { type: string; causationId: string }[]).find(
      (event) => event.type === 'DiplomatDispatched',
    );
    expect(dispatched?.causationId).toMatch(/^request:[0-9a-f-]{36}$/);
    // The event's causation id names the request line of the request that caused it.
    expect(requests).toContainEqual(
      expect.objectContaining({
        correlationId: 'log-check-1',
        actor: 'test-staff',
        req: expect.objectContaining({ method: 'POST' }),
        res: { statusCode: 201 },
        causationId: dispatched?.causationId,
      }),
    );
    expect(requests.filter((r) => r.causationId === dispatched?.causationId)).toHaveLength(1);
    const all = lines.join('\n');
    for (const token of Object.values(TOKENS)) expect(all).not.toContain(token);
    expect(all).not.toContain('wrong-token-0123456789abc');
    expect(all).not.toContain(secretName);
    expect(all).not.toMatch(/authorization/i);
  });
});

describe('The request log when a client leaves before its answer', () => {
  const { stream, lines } = captureLogLines();
  const dataDir = mkdtempSync(join(tmpdir(), 'envoy-left-'));
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createApp(loadConfig({ DATA_DIR: dataDir, DURABILITY: 'relaxed', AUTH_TOKENS }), {
      logger: stream,
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Holds every append back until `release`: the commands wait while their clients leave. */
  function holdAppends() {
    const store = app.get<EventStore>(EVENT_STORE);
    const append = store.append.bind(store);
    let reached!: () => void;
    const appending = new Promise<void>((resolve) => (reached = resolve));
    let released!: () => void;
    const free = new Promise<void>((resolve) => (released = resolve));
    store.append = async (...args) => {
      reached();
      await free;
      return append(...args);
    };
    return {
      appending,
      release: () => {
        released();
        delete (store as Partial<EventStore>).append;
      },
    };
  }

  const dispatch = (missionId: string, name: string) => {
    const body = JSON.stringify({ ...DIPLOMAT, name });
    return (
      `POST /api/missions/${missionId}/diplomats HTTP/1.1\r\nHost: localhost\r\n` +
      `Authorization: Bearer ${TOKENS.staff}\r\nContent-Type: application/json\r\n` +
      `X-Correlation-Id: ${name}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
    );
  };

  const requestLineOf = (correlationId: string) =>
    lines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((r) => r.req !== undefined && r.correlationId === correlationId);

  /** The dispatches recorded on the mission, by the name of the diplomat. */
  async function dispatched(missionId: string, count: number) {
    return waitFor(`${count} recorded dispatches`, async () => {
      const history = await request(app.getHttpServer())
        .get(`/api/missions/${missionId}/history`)
        .set(AS.auditor)
        .expect(200);
      const events = (
        history.body.events as { type: string; causationId: string; data: { name: string } }[]
      ).filter((event) => event.type === 'DiplomatDispatched');
      return events.length === count ? events : undefined;
    });
  }

  it('logs each command with 499 and the causation id its recorded events carry, pipelined ones too', async () => {
    const server = app.getHttpServer();
    const missionId = await planMission(server, 'Impatient City');
    const held = holdAppends();
    const { port } = server.address() as AddressInfo;
    const socket = connect(port, '127.0.0.1');
    const names = ['left-early-1', 'left-early-2', 'left-early-3'];
    socket.write(names.map((name) => dispatch(missionId, name)).join(''));
    await held.appending;
    socket.destroy();
    await waitFor('their request lines', () =>
      names.every((name) => requestLineOf(name).length > 0),
    );
    held.release();
    // The commands go on without their client: each is recorded, and its line leads to it.
    const events = await dispatched(missionId, names.length);
    for (const name of names) {
      const event = events.find((e) => e.data.name === name);
      expect(requestLineOf(name)).toEqual([
        expect.objectContaining({
          res: { statusCode: 499 },
          causationId: event?.causationId,
          msg: expect.stringMatching(/499 closed by the client before the answer$/),
        }),
      ]);
    }
    const metrics = await request(server).get('/metrics').set(AS.viewer).expect(200);
    expect(metrics.text).toContain(
      'envoy_http_requests_total{method="POST",route="/api/missions/:missionId/diplomats",status="499"} 3',
    );
    expect(metrics.text).toMatch(/envoy_commands_total\{command="\w+",outcome="abandoned"\} 3/);
  });
});

describe('Operations endpoints, limits and security headers', () => {
  let subject: TestApp;
  beforeAll(async () => {
    subject = await startTestApp({ RATE_LIMIT_REQUESTS: '0' });
  });
  afterAll(() => subject.dispose());

  it('serves Prometheus metrics to any token, not without one', async () => {
    const server = subject.server;
    await request(server).get('/metrics').expect(401);
    const missionId = await planMission(server, 'Metered City');
    const replay = () =>
      request(server)
        .post(`/api/missions/${missionId}/diplomats`)
        .set(AS.staff)
        .set('Idempotency-Key', 'metrics-1')
        .send(DIPLOMAT);
    await replay().expect(201);
    await replay().expect(201);
    await request(server).post('/api/missions').set(AS.staff).send({}).expect(400);
    const response = await request(server).get('/metrics').set(AS.viewer).expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    const text = response.text;
    expect(text).toContain('envoy_commands_total{command="PlanMission",outcome="recorded"} 1');
    expect(text).toContain('envoy_commands_total{command="PlanMission",outcome="invalid"} 1');
    expect(text).toContain('envoy_commands_total{command="DispatchDiplomat",outcome="replayed"} 1');
    expect(text).toContain('envoy_idempotency_hits_total 1');
    expect(text).toMatch(/envoy_store_append_seconds_count\{outcome="ok"\} 2/);
    expect(text).toMatch(/envoy_projection_lag_events\{projection="mission-status"\} \d+/);
    expect(text).toMatch(/envoy_projection_position\{projection="mission-status"\} \d+/);
    expect(text).toContain('envoy_sse_clients 0');
    expect(text).toContain('envoy_http_requests_total{method="POST",route="/api/missions"');
  });

  it('answers liveness and readiness (terminus), with the store and each projection', async () => {
    const live = await request(subject.server).get('/health/live').expect(200);
    expect(live.body).toMatchObject({ status: 'ok', info: { process: { status: 'up' } } });
    const ready = await request(subject.server).get('/health/ready').expect(200);
    expect(ready.body).toMatchObject({
      status: 'ok',
      details: {
        node: { status: 'up' },
        store: { status: 'up', kind: 'sqlite' },
        writes: { status: 'up' },
        projections: { status: 'up', 'mission-status': { lagEvents: expect.any(Number) } },
      },
    });
    await request(subject.server).get('/health').expect(200);
  });

  it('refuses a query string on the health and metrics routes, which read none, as the API routes do', async () => {
    const cases: [string, Record<string, string>][] = [
      ['/health', {}],
      ['/health/live', {}],
      ['/health/ready', {}],
      ['/metrics', AS.viewer],
    ];
    for (const [path, headers] of cases) {
      const response = await request(subject.server).get(`${path}?x=1`).set(headers);
      expect({ path, status: response.status }).toEqual({ path, status: 400 });
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({
        type: '/problems/validation-failed',
        errors: [{ path: 'x', message: 'property x should not exist' }],
        instance: path,
      });
      // Without a query string (as probes and scrapers send them) they answer.
      await request(subject.server).get(path).set(headers).expect(200);
    }
    // The token is still checked first.
    await request(subject.server).get('/metrics?x=1').expect(401);
  });

  it('sends security headers on every answer, problems included', async () => {
    for (const response of [
      await request(subject.server).get('/api/missions').set(AS.viewer),
      await request(subject.server).get('/api/missions'),
      await request(subject.server).get('/'),
    ]) {
      expect(response.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'strict-transport-security': expect.stringContaining('max-age='),
        'content-security-policy': expect.stringContaining("frame-ancestors 'none'"),
      });
      expect(response.headers['content-security-policy']).toContain("script-src 'self'");
      expect(response.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('lets no cache keep an answer of the API, while the dashboard’s own files are revalidated', async () => {
    const plan = await request(subject.server)
      .post('/api/missions')
      .set(AS.staff)
      .send({ sendingState: 'NO', receivingState: 'CL', city: 'Santiago' })
      .expect(201);
    for (const response of [
      plan,
      await request(subject.server).get(`/api/missions/${plan.body.missionId}`).set(AS.viewer),
      await request(subject.server).get('/api/missions').set(AS.viewer),
      await request(subject.server).get('/api/events').set(AS.auditor),
      await request(subject.server).get('/api/missions/xx-yy-nowhere').set(AS.viewer),
      await request(subject.server).get('/api/missions'),
    ]) {
      expect(response.headers['cache-control']).toBe('no-store');
    }
    const dashboard = await request(subject.server).get('/');
    expect(dashboard.headers['cache-control']).toBe('no-cache');
  });

  it('keeps CORS closed by default: no Access-Control headers, preflight refused', async () => {
    const simple = await request(subject.server)
      .get('/api/missions')
      .set(AS.viewer)
      .set('Origin', 'https://evil.example');
    expect(simple.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await request(subject.server)
      .options('/api/missions')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'POST');
    expect(preflight.status).toBe(405);
    expect(preflight.headers.allow).toBe('GET, HEAD, POST');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('limits body size, string and array lengths and page sizes', async () => {
    const server = subject.server;
    const before = await headOf(subject);
    const big = await request(server)
      .post('/api/missions')
      .set(AS.staff)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ city: 'x'.repeat(1024 * 1024 + 10) }));
    expect(big.status).toBe(413);
    const longCity = await request(server)
      .post('/api/missions')
      .set(AS.staff)
      .send({ sendingState: 'KR', receivingState: 'CU', city: 'x'.repeat(101) });
    expect(longCity.status).toBe(400);
    const manyOutcomes = await request(server)
      .post('/api/meetings')
      .set(AS.staff)
      .send({
        title: 'Long meeting',
        heldOn: '2024-06-12',
        parties: ['KR', 'CU'],
        outcomes: Array.from({ length: 51 }, () => ({ kind: 'other', summary: 'Talks' })),
      });
    expect(manyOutcomes.status).toBe(400);
    expect(JSON.stringify(manyOutcomes.body)).toMatch(/outcomes/);
    await request(server).get('/api/missions?limit=201').set(AS.viewer).expect(400);
    await request(server).get('/api/missions?limit=200').set(AS.viewer).expect(200);
    expect(await headOf(subject)).toBe(before);
  });
});

describe('Rate limits and live feed limits per token', () => {
  let subject: TestApp;
  let base: string;
  beforeAll(async () => {
    subject = await startTestApp({
      RATE_LIMIT_REQUESTS: '5',
      RATE_LIMIT_WINDOW_SECONDS: '60',
      LIVE_MAX_FEEDS_PER_TOKEN: '2',
    });
    await listen(subject.server);
    base = `http://127.0.0.1:${(subject.server.address() as AddressInfo).port}`;
  });
  afterAll(() => subject.dispose());

  it('answers 429 with Retry-After and none remaining once a token used up its window, and counts each token apart', async () => {
    for (let n = 0; n < 5; n += 1) {
      await request(subject.server).get('/api/missions').set(AS.viewer).expect(200);
    }
    const limited = await request(subject.server).get('/api/missions').set(AS.viewer);
    expect(limited.status).toBe(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(limited.body).toMatchObject({ type: '/problems/too-many-requests', status: 429 });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.headers).toMatchObject({
      'x-ratelimit-limit': '5',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': expect.stringMatching(/^\d+$/),
    });
    // Another token has its own allowance; no token is still a 401, never a 429.
    await request(subject.server).get('/api/missions').set(AS.auditor).expect(200);
    await request(subject.server).get('/api/missions').expect(401);
    // Health checks are not limited.
    for (let n = 0; n < 8; n += 1) await request(subject.server).get('/health/live').expect(200);
  });

  it('counts a request whose body is refused (malformed, not JSON, too large), before reading it', async () => {
    const send = (body: string, type = 'application/json') =>
      request(subject.server)
        .post('/api/missions')
        .set(AS.admin)
        .set('Content-Type', type)
        .send(body);
    const malformed = await send('{"city":');
    expect(malformed.status).toBe(400);
    expect(malformed.headers['x-ratelimit-remaining']).toBe('4');
    expect((await send('city=Havana', 'text/plain')).headers['x-ratelimit-remaining']).toBe('3');
    const large = await send(JSON.stringify({ city: 'x'.repeat(1024 * 1024 + 1) }));
    expect(large.status).toBe(413);
    expect(large.headers['x-ratelimit-remaining']).toBe('2');
    await send('{"city":');
    await send('{"city":');
    const limited = await send('{"city":');
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ type: '/problems/too-many-requests' });
    // Refused by the rate limit, the next body is not read either: a 429, not a 413 or a 400.
    expect((await send(JSON.stringify({ city: 'x'.repeat(2 * 1024 * 1024) }))).status).toBe(429);
  });

  it('counts a HEAD like the GET it answers, and refuses one without a token, body or not, with 401', async () => {
    const head = () => request(subject.server).head('/api/missions').set(AS.auditor);
    const first = await head();
    expect(first.status).toBe(200);
    const remaining = Number(first.headers['x-ratelimit-remaining']);
    expect(remaining).toBeLessThan(5);
    for (let n = 0; n < remaining; n += 1) await head().expect(200);
    expect((await head()).status).toBe(429);
    expect((await request(subject.server).get('/api/missions').set(AS.auditor)).status).toBe(429);
    const anonymous = await request(subject.server)
      .head('/api/missions')
      .set('Content-Type', 'application/json')
      .send('{"a":1}');
    expect(anonymous.status).toBe(401);
  });

  it('allows LIVE_MAX_FEEDS_PER_TOKEN live feeds per token and refuses the next with 429', async () => {
    const open = async () => {
      const abort = new AbortController();
      const response = await fetch(`${base}/api/live/missions`, {
        headers: { Authorization: `Bearer ${TOKENS.staff}` },
        signal: abort.signal,
      });
      return { response, abort };
    };
    const feeds = [await open(), await open()];
    for (const { response } of feeds) expect(response.status).toBe(200);
    const third = await open();
    expect(third.response.status).toBe(429);
    expect(third.response.headers.get('retry-after')).toBeTruthy();
    for (const { abort } of [...feeds, third]) abort.abort();
  });
});

describe('CORS when configured', () => {
  const ORIGIN = 'https://dashboard.example.org';
  let subject: TestApp;
  let port: number;
  beforeAll(async () => {
    subject = await startTestApp({
      RATE_LIMIT_REQUESTS: '0',
      CORS_ORIGINS: ORIGIN,
    });
    await listen(subject.server);
    port = (subject.server.address() as AddressInfo).port;
  });
  afterAll(() => subject.dispose());

  it('lets the named origin in, with the API headers, and no other', async () => {
    const preflight = await request(subject.server)
      .options('/api/missions')
      .set('Origin', ORIGIN)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization,content-type,idempotency-key');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(preflight.headers['access-control-allow-headers']).toMatch(/Authorization/);
    const read = await request(subject.server)
      .get('/api/missions')
      .set(AS.viewer)
      .set('Origin', ORIGIN);
    expect(read.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(read.headers['access-control-expose-headers']).toMatch(/ETag/);
    const unauthenticated = await request(subject.server)
      .get('/api/missions')
      .set('Authorization', 'Bearer unknown-token-0123456789')
      .set('Origin', ORIGIN);
    expect(unauthenticated.status).toBe(401);
    expect(unauthenticated.headers['access-control-expose-headers']).toMatch(/WWW-Authenticate/);
    const other = await request(subject.server)
      .get('/api/missions')
      .set(AS.viewer)
      .set('Origin', 'https://evil.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers a preflight on a path the service does not serve too, so the browser sends the request and reads its 404', async () => {
    const preflight = await request(subject.server)
      .options('/api/nope')
      .set('Origin', ORIGIN)
      .set('Access-Control-Request-Method', 'GET')
      .set('Access-Control-Request-Headers', 'authorization');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(ORIGIN);
    const read = await request(subject.server)
      .get('/api/nope')
      .set(AS.viewer)
      .set('Origin', ORIGIN);
    expectProblem(read, 404, '/problems/not-found');
    expect(read.headers['access-control-allow-origin']).toBe(ORIGIN);
  });

  it('refuses a preflight whose head is malformed as any request, with the CORS headers', async () => {
    for (const [target, host] of [
      ['/api/missions', 'Host: localhost\r\nHost: evil.example'],
      ['/api/missions#x', 'Host: localhost'],
    ]) {
      const exchange = await rawExchange(
        port,
        `OPTIONS ${target} HTTP/1.1\r\n${host}\r\nOrigin: ${ORIGIN}\r\n` +
          'Access-Control-Request-Method: POST\r\nConnection: close\r\n\r\n',
        1000,
      );
      const [response] = responsesIn(exchange.text);
      expectRawProblem(response, 400, '/problems/malformed-request');
      expect(response.headers['access-control-allow-origin']).toEqual([ORIGIN]);
    }
  });

  /** OPTIONS requests that are no preflight: without Origin, or without the method asked for. */
  const NOT_PREFLIGHTS: readonly (readonly [string, Record<string, string>])[] = [
    ['with neither header', {}],
    ['with Origin alone', { Origin: ORIGIN }],
    ['with Access-Control-Request-Method alone', { 'Access-Control-Request-Method': 'POST' }],
    [
      'with an empty Access-Control-Request-Method',
      { Origin: ORIGIN, 'Access-Control-Request-Method': '' },
    ],
    ['with an empty Origin', { Origin: '', 'Access-Control-Request-Method': 'POST' }],
  ];

  it.each(NOT_PREFLIGHTS)(
    'answers an OPTIONS request %s as with CORS closed: 405 with Allow where the path is served, 404 elsewhere',
    async (_, headers) => {
      const served = await request(subject.server).options('/api/missions').set(headers);
      expectProblem(served, 405, '/problems/method-not-allowed');
      expect(served.headers.allow).toBe('GET, HEAD, POST');
      const nowhere = await request(subject.server).options('/api/nope').set(headers);
      expectProblem(nowhere, 404, '/problems/not-found');
      expect(nowhere.headers.allow).toBeUndefined();
    },
  );

  it('closes the connection after an OPTIONS request that is no preflight, when its body was left unread', async () => {
    const exchange = await rawExchange(
      port,
      'OPTIONS /api/missions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n' +
        'Content-Length: 4\r\n\r\n{bad' +
        'GET /health/live HTTP/1.1\r\nHost: localhost\r\n\r\n',
      1000,
    );
    const responses = responsesIn(exchange.text);
    expect(responses.map((r) => r.status)).toEqual([405]);
    expect(responses[0].headers.connection).toEqual(['close']);
    expect(exchange.closed).toBe(true);
  });

  it('keeps the connection after an OPTIONS request without a body, preflight or not', async () => {
    const exchange = await rawExchange(
      port,
      'OPTIONS /api/missions HTTP/1.1\r\nHost: localhost\r\n\r\n' +
        `OPTIONS /api/missions HTTP/1.1\r\nHost: localhost\r\nOrigin: ${ORIGIN}\r\n` +
        'Access-Control-Request-Method: POST\r\n\r\n' +
        'GET /health/live HTTP/1.1\r\nHost: localhost\r\n\r\n',
      1000,
    );
    expect(responsesIn(exchange.text).map((r) => r.status)).toEqual([405, 204, 200]);
    expect(exchange.closed).toBe(false);
  });
});

describe('Draining (graceful shutdown, first step)', () => {
  let subject: TestApp;
  beforeAll(async () => {
    subject = await startTestApp({ RATE_LIMIT_REQUESTS: '0' });
  });
  afterAll(() => subject.dispose());

  it('fails readiness and answers new requests 503 with Connection: close', async () => {
    subject.app.get(Drain).begin();
    const ready = await request(subject.server).get('/health/ready');
    expect(ready.status).toBe(503);
    const refused = await request(subject.server).get('/api/missions').set(AS.viewer);
    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({ type: '/problems/shutting-down' });
    expect(refused.headers.connection).toBe('close');
    expect(refused.headers['retry-after']).toBeTruthy();
  });
});
