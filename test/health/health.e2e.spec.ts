import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('GET /health', () => {
  let subject: TestApp;
  beforeAll(async () => {
    subject = await startTestApp();
  });
  afterAll(() => subject.dispose());

  it('says the service is live and the embedded store is ready', async () => {
    const response = await request(subject.server).get('/health').expect(200);
    expect(response.body).toEqual({ status: 'ok', store: { kind: 'sqlite', status: 'up' } });
  });

  it('answers an unknown route with a problem+json 404', async () => {
    const response = await request(subject.server).get('/nowhere').expect(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 404, type: '/problems/not-found' });
  });
});
