import type { AddressInfo } from 'node:net';
import type { Role } from '../../src/auth/role.js';
import { routeAccessOf, type RouteAccess } from '../../src/http/openapi/route-access.js';
import { headOf, listen } from '../support/http-api.js';
import { startTestApp, TOKENS, type TestApp } from '../support/test-app.js';

type Caller = Role | 'no token';
const CALLERS: readonly Caller[] = ['no token', 'staff', 'auditor', 'viewer', 'admin'];
const READERS: readonly Role[] = ['staff', 'auditor', 'viewer', 'admin'];

/**
 * Who may call what, written down independently of the @Allow decorators the guard
 * reads, as the ministry's access policy says it:
 * - health, the dashboard files: anyone, no token;
 * - /metrics: any valid token (Prometheus gets a viewer token);
 * - /api/admin/**: admin only;
 * - audit trails (/api/audit/**, /api/events/**, a mission's history and replay): auditors (and admin);
 * - every other POST (a command): staff (and admin);
 * - every other GET (a read or live feed): every role.
 */
function policy(route: RouteAccess): readonly Role[] | 'public' {
  const { method, path } = route;
  if (path === '/' || path.startsWith('/health') || /^\/dashboard\.(js|css)$/.test(path)) {
    return 'public';
  }
  if (path === '/metrics') return READERS;
  if (path.startsWith('/api/admin/')) return ['admin'];
  if (
    path.startsWith('/api/audit/') ||
    path === '/api/events' ||
    path.startsWith('/api/events/') ||
    /\/(history|replay)$/.test(path)
  ) {
    return ['auditor', 'admin'];
  }
  if (method === 'post') return ['staff', 'admin'];
  return READERS;
}

describe('Role matrix: every route, every role, and no token', () => {
  let subject: TestApp;
  let base: string;
  const matrix: string[] = [];
  let requests = 0;

  beforeAll(async () => {
    subject = await startTestApp({ RATE_LIMIT_REQUESTS: '0' });
    await listen(subject.server);
    base = `http://127.0.0.1:${(subject.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await subject.dispose();
    console.log(`role matrix (${requests} requests):\n${matrix.join('\n')}`);
  });

  it('lets exactly the policy’s roles through, 401 without a token, 403 otherwise, and records nothing refused', async () => {
    const routes = routeAccessOf(subject.app);
    const mismatches: string[] = [];
    const expectThat = (where: string, ok: boolean, status: number, wanted: string) => {
      if (!ok) mismatches.push(`${where}: ${status}, policy says ${wanted}`);
    };
    expect(routes.length).toBeGreaterThan(15);
    for (const route of routes) {
      const allowed = policy(route);
      const path = route.path.replace(/\{[^}]+\}/g, 'kr-cu-nowhere');
      const row: string[] = [];
      for (const caller of CALLERS) {
        const before = await headOf(subject);
        const abort = new AbortController();
        const headers: Record<string, string> =
          caller === 'no token' ? {} : { Authorization: `Bearer ${TOKENS[caller]}` };
        const post = route.method === 'post';
        if (post) headers['Content-Type'] = 'application/json';
        const response = await fetch(`${base}${path}`, {
          method: route.method.toUpperCase(),
          headers,
          body: post ? '{}' : undefined,
          signal: abort.signal,
        });
        requests += 1;
        const status = response.status;
        abort.abort();
        const where = `${caller} ${route.method.toUpperCase()} ${route.path}`;
        const through = status !== 401 && status !== 403;
        expectThat(where, status < 500, status, 'no server error');
        if (allowed === 'public') {
          expectThat(where, through, status, 'public');
        } else if (caller === 'no token') {
          expectThat(where, status === 401, status, '401');
          expect(response.headers.get('www-authenticate')).toBe('Bearer realm="envoy-ledger"');
        } else if (allowed.includes(caller)) {
          expectThat(where, through, status, 'allowed');
        } else {
          expectThat(where, status === 403, status, '403');
        }
        if (status >= 400) {
          expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
          expect({ where, head: await headOf(subject) }).toEqual({ where, head: before });
        }
        row.push(`${caller}=${status}`);
      }
      matrix.push(
        `  ${route.method.toUpperCase().padEnd(4)} ${route.path.padEnd(72)} ${row.join(' ')}`,
      );
    }
    expect(mismatches).toEqual([]);
  }, 120_000);
});
