import request from 'supertest';
import { AS } from '../support/http-api.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface Response {
  description: string;
  headers?: Record<string, unknown>;
}
interface Document {
  paths: Record<string, Record<string, { responses: Record<string, Response> }>>;
}

const REBUILD = '/api/admin/projections/{name}/rebuild';
const RETRY = '/api/admin/projections/{name}/retry';

/** The admin's projection commands read a body and take an Idempotency-Key, as commands do. */
describe('OpenAPI document: rebuilding and retrying a projection', () => {
  let subject: TestApp;
  let document: Document;
  const responsesOf = (path: string) => document.paths[path].post.responses;

  beforeAll(async () => {
    subject = await startTestApp();
    document = (await request(subject.server).get('/api/docs-json').expect(200)).body as Document;
  });
  afterAll(() => subject.dispose());

  it.each([
    [REBUILD, '/api/admin/projections/mission-status/rebuild'],
    [RETRY, '/api/admin/projections/mission-status/retry'],
  ])('documents on %s the refusals of a body that is not JSON', async (path, url) => {
    const post = () => request(subject.server).post(url).set(AS.admin);
    const malformed = await post().set('Content-Type', 'application/json').send('{"x":');
    const text = await post().set('Content-Type', 'text/plain').send('x');
    const answers = [malformed, text].map((r) => `${r.status} ${r.body.type}`);
    expect(answers).toEqual([
      '400 /problems/malformed-json',
      '415 /problems/unsupported-media-type',
    ]);
    for (const response of [malformed, text]) {
      expect(responsesOf(path)[String(response.status)].description).toContain(
        `\`${response.body.type}\``,
      );
    }
  });

  it('documents Idempotent-Replayed on the 202 a rebuild replays under its Idempotency-Key', async () => {
    const rebuild = () =>
      request(subject.server)
        .post('/api/admin/projections/meeting-outcomes/rebuild')
        .set({ ...AS.admin, 'Idempotency-Key': 'rebuild-once' });
    await rebuild().expect(202);
    const replayed = await rebuild().expect(202);
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect(responsesOf(REBUILD)['202'].headers).toHaveProperty('Idempotent-Replayed');
  });
});
