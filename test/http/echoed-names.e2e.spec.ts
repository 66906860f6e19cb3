import request from 'supertest';
import { AS } from '../support/http-api.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** A name 900,000 characters long, as the answer lists it: its first 64, and its length. */
const LONG_NAME = 'k'.repeat(900_000);
const LISTED_LONG_NAME = `${'k'.repeat(64)}… (900000 characters)`;
const MISSION = { sendingState: 'KR', receivingState: 'CU', city: 'Havana' };

/**
 * A 400 names the fields and parameters it refuses, some by the names the request gave them,
 * yet stays small whatever the request sent: a name longer than 64 characters is shortened
 * (an ellipsis, then how long it was), and at most 100 invalid fields are listed, the detail
 * saying how many there were.
 */
describe('Invalid fields named in an answer', () => {
  let subject: TestApp;

  beforeAll(async () => {
    subject = await startTestApp({ RATE_LIMIT_REQUESTS: '0' });
  });
  afterAll(() => subject.dispose());

  const post = (path: string, body: string) =>
    request(subject.server)
      .post(path)
      .set(AS.staff)
      .set('Content-Type', 'application/json')
      .send(body);

  describe('given a body of 1 MiB naming one unknown field of 900,000 characters', () => {
    it('names the field by its first 64 characters and its length, in an answer of a few hundred bytes', async () => {
      const response = await post('/api/missions', JSON.stringify({ ...MISSION, [LONG_NAME]: 1 }));
      expect(response.status).toBe(400);
      expect(response.text.length).toBeLessThan(1000);
      expect(response.body).toMatchObject({
        type: '/problems/validation-failed',
        detail: `The request has invalid fields: ${LISTED_LONG_NAME}: property ${LISTED_LONG_NAME} should not exist`,
        errors: [
          { path: LISTED_LONG_NAME, message: `property ${LISTED_LONG_NAME} should not exist` },
        ],
      });
    });

    it('shortens it where it is nested in a known field too', async () => {
      const response = await post(
        '/api/missions',
        JSON.stringify({ ...MISSION, source: { meetingId: 'x', [LONG_NAME]: 1 } }),
      );
      expect(response.status).toBe(400);
      expect(response.text.length).toBeLessThan(2000);
      expect(response.body.errors).toContainEqual({
        path: `source.${LISTED_LONG_NAME}`,
        message: `property ${LISTED_LONG_NAME} should not exist`,
      });
    });
  });

  describe('given a body naming a 10,000-character member twice', () => {
    it('names the member shortened', async () => {
      const name = 'm'.repeat(10_000);
      const response = await post('/api/missions', `{"${name}":1,"${name}":2}`);
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([
        { path: `${'m'.repeat(64)}… (10000 characters)`, message: 'named more than once' },
      ]);
    });
  });

  describe('given a body naming a member more than once 1,500 times', () => {
    it('lists the first 100, saying how many there were', async () => {
      const members = Array.from({ length: 1_500 }, () => '"a":1').join(',');
      const response = await post('/api/missions', `{${members},"a":1}`);
      expect(response.status).toBe(400);
      expect(response.body.errors).toHaveLength(100);
      expect(response.body.detail).toBe(
        'The body names a member more than once in one object: a, a, a; errors lists the first 100 of 1500.',
      );
    });
  });

  describe('given 1,500 unknown query parameters', () => {
    const query = Array.from({ length: 1_500 }, (_, i) => `p${i}=1`).join('&');

    it('lists the first 100, saying how many there were, on a route that reads a query', async () => {
      const response = await request(subject.server).get(`/api/missions?${query}`).set(AS.viewer);
      expect(response.status).toBe(400);
      expect(response.text.length).toBeLessThan(10_000);
      expect(response.body.errors).toHaveLength(100);
      expect(response.body.errors[0]).toEqual({
        path: 'p0',
        message: 'property p0 should not exist',
      });
      expect(response.body.detail).toMatch(
        / \(and 1497 more; errors lists the first 100 of 1500\)$/,
      );
    });

    it('lists the first 100 on a route that reads none', async () => {
      const response = await request(subject.server).get(`/health/live?${query}`);
      expect(response.status).toBe(400);
      expect(response.body.errors).toHaveLength(100);
      expect(response.body.detail).toMatch(/; errors lists the first 100 of 1500\)$/);
    });
  });

  describe('given an unknown query parameter of 5,000 characters', () => {
    it('names it shortened, sent once or twice, encoded or not', async () => {
      const name = 'q'.repeat(5_000);
      const listed = `${'q'.repeat(64)}… (5000 characters)`;
      const once = await request(subject.server).get(`/health/live?${name}=1`);
      expect(once.body.errors).toEqual([
        { path: listed, message: `property ${listed} should not exist` },
      ]);
      const twice = await request(subject.server)
        .get(`/api/missions?${name}=1&${name}=2`)
        .set(AS.viewer);
      expect(twice.status).toBe(400);
      expect(twice.body.errors).toEqual([
        { path: listed, message: `${listed} was sent more than once; send it once` },
      ]);
      const badlyEncoded = await request(subject.server).get(`/health/live?${name}%FF=1`);
      expect(badlyEncoded.body.errors).toEqual([
        {
          path: `${'q'.repeat(64)}… (5003 characters)`,
          message: 'the parameter name must be percent-encoded UTF-8',
        },
      ]);
    });
  });

  it('names fields of ordinary length whole, as it always did', async () => {
    const response = await request(subject.server).get('/api/missions?colour=red').set(AS.viewer);
    expect(response.body.errors).toEqual([
      { path: 'colour', message: 'property colour should not exist' },
    ]);
  });
});
