import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { routeAccessOf, type RouteAccess } from '../../src/http/openapi/route-access.js';
import { headOf, listen } from '../support/http-api.js';
import { startTestApp, TOKENS, type TestApp } from '../support/test-app.js';

/**
 * Property-based hostile input against every route the application has (found from its
 * controllers, so routes added later are covered too): generated bodies, headers, path
 * parameters and query strings — wrong types, huge strings, deep nesting, prototype keys,
 * invalid unicode, control characters, SQL fragments, path traversal. Whatever is sent:
 * never a 5xx; a refusal is an RFC 9457 problem whose status fits what was wrong; and a
 * refused request leaves the store's head where it was.
 */
const RUNS = Number(process.env.PROPERTY_RUNS ?? 300);
const ADMIN = { Authorization: `Bearer ${TOKENS.admin}` };

const NASTY = [
  "'; DROP TABLE events; --",
  "' OR '1'='1",
  '1; DELETE FROM events WHERE 1=1',
  '../../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '%2e%2e%2f%2e%2e%2f',
  '/api/admin/projections',
  '__proto__',
  'constructor',
  'prototype',
  '\u0000',
  '\u0007\u001b[31m',
  '\r\nX-Injected: 1',
  '\ud800',
  '\udfff\ud800',
  '\u202eevil',
  '\u2028\u2029',
  '<script>alert(1)</script>',
  '${jndi:ldap://127.0.0.1/a}',
  '{{7*7}}',
  'NaN',
  '-1',
  '1e309',
  '0x7fffffff',
  '',
  ' ',
  '😀'.repeat(300),
  'a'.repeat(10_000),
];

/**
 * Percent-encodes like encodeURIComponent, but a lone surrogate (which that refuses) is
 * sent as its 3-byte WTF-8 form: invalid UTF-8 reaching the server, as an attacker can.
 */
function pct(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      out += encodeURIComponent(text.slice(i, i + 2));
      i += 1;
    } else if (unit >= 0xd800 && unit <= 0xdfff) {
      out += [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join('');
    } else {
      out += encodeURIComponent(text[i]);
    }
  }
  return out;
}

const hostileString = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.integer({ min: 200, max: 20_000 }).map((n) => 'x'.repeat(n)),
);

/** JSON text, written by hand so prototype keys and lone surrogates survive into the body. */
const jsonText: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('null', 'true', 'false', '0', '-1', '1e308', '123456789012345678901234567890'),
    hostileString.map((s) => JSON.stringify(s)),
    fc.array(tie('value'), { maxLength: 4 }).map((items) => `[${items.join(',')}]`),
    fc
      .array(
        fc.tuple(
          fc.oneof(
            fc.constantFrom('__proto__', 'constructor', 'prototype', 'city', 'name', 'on'),
            hostileString,
          ),
          tie('value'),
        ),
        { maxLength: 4 },
      )
      .map((entries) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`),
  ),
})).value;

type BodyCase =
  | { kind: 'json'; body: string; expect: number[] }
  | { kind: 'malformed'; body: string; expect: number[] }
  | { kind: 'deep'; body: string; expect: number[] }
  | { kind: 'proto'; body: string; expect: number[] }
  | { kind: 'media-type'; body: string; contentType: string; expect: number[] }
  | { kind: 'too-large'; body: string; expect: number[] };

const bodyCase: fc.Arbitrary<BodyCase> = fc.oneof(
  jsonText.map((body) => ({ kind: 'json' as const, body, expect: [400, 404, 409, 412, 422] })),
  fc
    .oneof(
      fc.constantFrom(
        '{',
        '{"a":}',
        "{'a':1}",
        '[1,,2]',
        '{"a":1}}',
        'nul',
        '\u0000',
        '{"a":"\\x"}',
      ),
      hostileString.filter((s) => {
        try {
          JSON.parse(s);
          return false;
        } catch {
          return s.trim() !== '';
        }
      }),
    )
    .map((body) => ({ kind: 'malformed' as const, body, expect: [400] })),
  fc.integer({ min: 33, max: 20_000 }).map((depth) => ({
    kind: 'deep' as const,
    body: `${'{"a":['.repeat(depth)}1${']}'.repeat(depth)}`,
    expect: [400],
  })),
  fc.constantFrom('__proto__', 'constructor', 'prototype').chain((key) =>
    jsonText.map((v) => ({
      kind: 'proto' as const,
      body: `{"city":"X","${key}":${v}}`,
      expect: [400],
    })),
  ),
  fc
    .tuple(
      fc.constantFrom(
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/xml',
        'application/json-patch+jsonx',
        'text/html; charset=utf-7',
      ),
      jsonText,
    )
    .map(([contentType, body]) => ({
      kind: 'media-type' as const,
      body,
      contentType,
      expect: [415],
    })),
  fc.integer({ min: 1024 * 1024 + 1, max: 3 * 1024 * 1024 }).map((size) => ({
    kind: 'too-large' as const,
    body: `{"city":"${'x'.repeat(size)}"}`,
    expect: [413],
  })),
);

/** Header values fetch can send (Latin-1), hostile all the same. */
const headerValue = hostileString
  .map((s) =>
    [...s]
      .filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) <= 0xff && c !== '\u007f')
      .join(''),
  )
  .map((s) => s.slice(0, 4000));

const hostileHeaders = fc.record(
  {
    'Idempotency-Key': headerValue,
    'If-Match': fc.oneof(
      headerValue,
      fc.constantFrom('"-1"', '"1e3"', 'W/"1"', '"999999999999999999"'),
    ),
    'X-Correlation-Id': headerValue,
    'Last-Event-ID': headerValue,
    Accept: fc.constantFrom('application/xml', '*/*', 'text/event-stream', ''),
  },
  { requiredKeys: [] },
);

const hostileQuery = fc
  .array(
    fc.tuple(
      fc.oneof(
        fc.constantFrom(
          'limit',
          'offset',
          'minPosition',
          'state',
          'status',
          'after',
          '__proto__',
          'limit[]',
        ),
        hostileString,
      ),
      fc.oneof(
        hostileString,
        fc.constantFrom('-1', '0', '201', '1.5', '1e3', '99999999999', 'null'),
      ),
    ),
    { minLength: 1, maxLength: 4 },
  )
  .map((pairs) => pairs.map(([k, v]) => `${pct(k)}=${pct(v)}`).join('&'));

describe('Hostile and malformed input (property-based)', () => {
  let subject: TestApp;
  let base: string;
  let routes: RouteAccess[];
  const ran: Record<string, number> = {};
  const statuses = new Map<number, number>();

  beforeAll(async () => {
    subject = await startTestApp({ RATE_LIMIT_REQUESTS: '0' });
    await listen(subject.server);
    base = `http://127.0.0.1:${(subject.server.address() as AddressInfo).port}`;
    routes = routeAccessOf(subject.app).filter((r) => !r.isPublic);
  });
  afterAll(async () => {
    await subject.dispose();
    const total = Object.values(ran).reduce((a, b) => a + b, 0);
    console.log(
      `property suite: ${total} generated requests over ${routes.length} routes ${JSON.stringify(ran)}; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`,
    );
    process.stdout.write(`property suite: ${total} hostile requests ran, none answered 5xx\n`);
  });

  const pathOf = (route: RouteAccess, param: (name: string) => string) =>
    route.path.replace(/\{([^}]+)\}/g, (_m, name: string) => param(name));

  /** Sends one request; checks the answer; returns it. */
  async function check(
    label: string,
    method: string,
    path: string,
    init: { headers?: Record<string, string>; body?: string; allowed: number[] },
  ): Promise<void> {
    ran[label] = (ran[label] ?? 0) + 1;
    const before = await headOf(subject);
    const abort = new AbortController();
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { ...ADMIN, ...init.headers },
      body: init.body,
      signal: abort.signal,
    });
    const status = response.status;
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
    const where = `${method} ${path.slice(0, 120)} (${label})`;
    const contentType = response.headers.get('content-type') ?? '';
    if (contentType.startsWith('text/event-stream')) abort.abort();
    const text = contentType.startsWith('text/event-stream') ? '' : await response.text();
    expect({ where, status: status < 500 }).toEqual({ where, status: true });
    if (status >= 400) {
      expect({ where, contentType }).toEqual({
        where,
        contentType: expect.stringMatching(/^application\/problem\+json/),
      });
      const problem = JSON.parse(text) as Record<string, unknown>;
      expect(problem).toMatchObject({
        status,
        type: expect.stringMatching(/^\/problems\//),
        title: expect.any(String),
        detail: expect.any(String),
      });
      // Any request may be too large for Node's parser to read its head: 431, as a problem.
      const allowed = [...init.allowed, 431];
      expect({ where, status, allowed: allowed.includes(status) }).toEqual({
        where,
        status,
        allowed: true,
      });
      expect({ where, head: await headOf(subject) }).toEqual({ where, head: before });
    } else {
      expect({ where, method, status }).toEqual({ where, method: 'GET', status });
    }
  }

  it('answers hostile bodies on every command with the right 4xx and records nothing', async () => {
    const posts = routes.filter((r) => r.method === 'post');
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...posts),
        bodyCase,
        fc.oneof(fc.constant(undefined), hostileString),
        async (route, body, param) => {
          const path = pathOf(route, () => pct(param ?? 'kr-cu-havana'));
          const contentType = body.kind === 'media-type' ? body.contentType : 'application/json';
          // A hostile path parameter may be refused first: 400 or 404; a dot-segment ('.',
          // '%2e') resolved by the client may land on a path that takes another method: 405.
          const allowed = param === undefined ? body.expect : [...body.expect, 400, 404, 405];
          await check(`post:${body.kind}`, 'POST', path, {
            headers: { 'Content-Type': contentType },
            body: body.body,
            allowed,
          });
        },
      ),
      { numRuns: RUNS * 2 },
    );
  }, 120_000);

  it('answers hostile path parameters and query strings on every read', async () => {
    const gets = routes.filter((r) => r.method === 'get');
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...gets),
        hostileString,
        fc.option(hostileQuery, { nil: undefined }),
        async (route, param, query) => {
          const path = pathOf(route, () => pct(param));
          // 405: a dot-segment resolved by the client may land on a path that takes another method.
          await check('get:path+query', 'GET', query ? `${path}?${query}` : path, {
            allowed: [400, 404, 405, 409, 422],
          });
        },
      ),
      { numRuns: RUNS * 2 },
    );
  }, 120_000);

  it('answers hostile headers on every route', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        hostileHeaders,
        jsonText,
        async (route, headers, body) => {
          const path = pathOf(route, () => 'kr-cu-nowhere');
          const post = route.method === 'post';
          await check(`${route.method}:headers`, route.method.toUpperCase(), path, {
            headers: post ? { ...headers, 'Content-Type': 'application/json' } : headers,
            body: post ? body : undefined,
            allowed: [400, 404, 406, 409, 412, 415, 422],
          });
        },
      ),
      { numRuns: RUNS },
    );
  }, 120_000);

  it('answers hostile tokens and raw path traversal without leaking or failing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        headerValue,
        fc.constantFrom(
          '/..%2f..%2fetc%2fpasswd',
          '/%2e%2e/%2e%2e/',
          '/%00',
          '/%ff%fe',
          '/%',
          '/;',
          '//',
        ),
        async (route, token, suffix) => {
          const path = pathOf(route, () => 'kr-cu-nowhere');
          await check('auth:token', route.method.toUpperCase(), path, {
            headers: { Authorization: `Bearer ${token}` },
            allowed: [400, 401],
          });
          // A dot-segment resolved by the client may land on a path that takes another method.
          await check('path:traversal', 'GET', `${path}${suffix}`, {
            allowed: [400, 401, 403, 404, 405],
          });
        },
      ),
      { numRuns: RUNS },
    );
  }, 120_000);
});
