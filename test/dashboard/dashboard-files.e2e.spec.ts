import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import request from 'supertest';
import { DASHBOARD_CSP } from '../../src/dashboard/dashboard.controller.js';
import { dashboardDirectories, loadDashboardAssets } from '../../src/dashboard/dashboard-assets.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** The dashboard's three files: served without a token, typed, revalidated, never inline code. */
describe('The dashboard files', () => {
  let subject: TestApp;

  beforeAll(async () => {
    subject = await startTestApp();
  });
  afterAll(() => subject.dispose());

  it.each([
    ['/', /^text\/html; charset=utf-8/],
    ['/dashboard.js', /^text\/javascript; charset=utf-8/],
    ['/dashboard.css', /^text\/css; charset=utf-8/],
  ])('serves %s without a token, typed and revalidated on every load', async (path, type) => {
    const response = await request(subject.server).get(path).expect(200);
    expect(response.headers['content-type']).toMatch(type);
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers.etag).toMatch(/^"[A-Za-z0-9_-]{22}"$/);
    await request(subject.server).get(path).set('If-None-Match', response.headers.etag).expect(304);
  });

  it('sends the page with a Content-Security-Policy it obeys: no inline script or style, nothing external', async () => {
    const response = await request(subject.server).get('/').expect(200);
    expect(response.headers['content-security-policy']).toBe(DASHBOARD_CSP);
    expect(DASHBOARD_CSP).toContain("script-src 'self'");
    const html = response.text;
    expect(html).toContain('<script type="module" src="/dashboard.js"></script>');
    expect(html).toContain('<link rel="stylesheet" href="/dashboard.css" />');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('finds its files from src (tests) and from dist/src (the compiled app), or says where it looked', () => {
    const fromSrc = loadDashboardAssets();
    const root = resolve(fromSrc.directory, '../../..');
    const compiled = pathToFileURL(join(root, 'dist/src/dashboard/dashboard-assets.js')).href;
    expect(dashboardDirectories(compiled)[1]).toBe(`${join(root, 'src/dashboard/public')}/`);
    expect(loadDashboardAssets(dashboardDirectories(compiled)).directory).toMatch(
      /src\/dashboard\/public\/?$/,
    );
    expect(() => loadDashboardAssets(['/nonexistent/'])).toThrow(
      /dashboard files \(index.html, dashboard.js, dashboard.css\) not found in \/nonexistent\//,
    );
  });

  it('keeps the dashboard out of the API description, and the API behind its token', async () => {
    await request(subject.server).get('/api/missions').expect(401);
    const docs = await request(subject.server).get('/api/docs-json');
    expect(docs.status).toBe(200);
    expect(Object.keys(docs.body.paths)).not.toContain('/');
    expect(Object.keys(docs.body.paths)).not.toContain('/dashboard.js');
  });
});
