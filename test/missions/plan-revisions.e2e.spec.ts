import request from 'supertest';
import { AS, eventsOf, expectProblem, refused } from '../support/http-api.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Revisions of a plan made without a meeting (POST /api/missions on a planned mission): the
 * targets in force apply by agreement date, so an older agreement may be recorded late; its
 * targets are judged on what was in force on its own date.
 */
describe('Revising a mission’s targets with an agreement recorded late', () => {
  let subject: TestApp;
  const nairobi = { sendingState: 'IN', receivingState: 'KE', city: 'Nairobi' };
  const plan = (body: object) =>
    request(subject.server)
      .post('/api/missions')
      .set(AS.staff)
      .send({ ...nairobi, ...body });

  beforeAll(async () => {
    subject = await startTestApp();
  });
  afterAll(() => subject.dispose());

  it('refuses an embassy target before the temporary-office target in force on its date, though a later agreement overrides it', async () => {
    await plan({ agreedOn: '2025-07-01', targets: { temporaryOfficeBy: '2026-06-30' } }).expect(
      201,
    );
    await plan({ agreedOn: '2025-08-01', targets: { embassyBy: '2027-01-31' } }).expect(200);
    const before = await eventsOf(subject, 'mission-in-ke-nairobi');

    for (const agreedOn of ['2025-07-15', '2025-09-01']) {
      const refusal = await refused(subject, () =>
        plan({ agreedOn, targets: { embassyBy: '2026-01-31' } }),
      );
      expectProblem(refusal, 422, '/problems/targets-out-of-order');
    }

    // In order on its date, and overridden since: nothing in force changes, nothing is recorded.
    const unchanged = await plan({ agreedOn: '2025-07-15', targets: { embassyBy: '2026-12-31' } });
    expect(unchanged.status).toBe(200);
    expect(unchanged.body.revision).toBe(before.length - 1);
    expect(await eventsOf(subject, 'mission-in-ke-nairobi')).toEqual(before);
  });
});
