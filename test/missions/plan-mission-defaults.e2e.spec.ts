import { jest } from '@jest/globals';
import request from 'supertest';
import { clockAt } from '../support/fake-clock.js';
import { expectProblem } from '../support/http-api.js';
import { startTestApp, TOKENS, type TestApp } from '../support/test-app.js';

const staff = { Authorization: `Bearer ${TOKENS.staff}` };

describe('Planning a mission with no agreement date and no meeting', () => {
  let subject: TestApp;

  beforeAll(async () => {
    subject = await startTestApp();
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  afterAll(async () => {
    await subject.dispose();
  });

  it('given noon UTC and no TIME_ZONE, when planned, then it is agreed on the UTC day', async () => {
    clockAt('2026-11-29T12:00:00Z');
    const planned = await request(subject.server)
      .post('/api/missions')
      .set(staff)
      .send({ sendingState: 'BE', receivingState: 'NZ', city: 'Wellington' })
      .expect(201);
    const mission = await request(subject.server)
      .get('/api/missions/be-nz-wellington')
      .query({ minPosition: planned.body.position })
      .set(staff)
      .expect(200);
    expect(mission.body).toMatchObject({ agreedOn: '2026-11-29', plannedOn: '2026-11-29' });
  });

  it('given a target of the same day, when planned at noon UTC, then it is accepted', async () => {
    clockAt('2026-11-29T12:00:00Z');
    await request(subject.server)
      .post('/api/missions')
      .set(staff)
      .send({
        sendingState: 'NZ',
        receivingState: 'BE',
        city: 'Brussels',
        targets: { temporaryOfficeBy: '2026-11-29' },
      })
      .expect(201);
  });

  it('given a mission agreed earlier, when re-targeted without an agreement date, then a target before that day is refused', async () => {
    clockAt('2026-11-29T12:00:00Z');
    const mombasa = { sendingState: 'IN', receivingState: 'KE', city: 'Mombasa' };
    const plan = (body: object) =>
      request(subject.server)
        .post('/api/missions')
        .set(staff)
        .send({ ...mombasa, ...body });
    await plan({ agreedOn: '2025-02-03' }).expect(201);

    const stated = await plan({ agreedOn: '2026-11-01', targets: { embassyBy: '2026-10-01' } });
    expectProblem(stated, 422, '/problems/target-before-agreement');
    const today = await plan({ targets: { embassyBy: '2026-10-01' } });
    expectProblem(today, 422, '/problems/target-before-agreement');
    expect(today.body.detail).toMatch(/2026-11-29/);

    // Agreed on the day the mission was, the same target is a revision like any other.
    const revised = await plan({ agreedOn: '2025-02-03', targets: { embassyBy: '2026-10-01' } });
    expect(revised.status).toBe(200);
    expect(revised.body.revision).toBe(1);
  });
});
