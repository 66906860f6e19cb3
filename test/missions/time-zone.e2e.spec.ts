import { jest } from '@jest/globals';
import request from 'supertest';
import { clockAt } from '../support/fake-clock.js';
import { AS, expectProblem, refused } from '../support/http-api.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** 23:00 UTC on 29 November: already 08:00 on 30 November in Seoul. */
const LATE_EVENING_UTC = '2026-11-29T23:00:00Z';

const meetingHeldOn = (heldOn: string) => ({
  title: 'Bilateral consultations',
  heldOn,
  parties: ['KR', 'CU'],
  participants: [],
  outcomes: [{ kind: 'other', summary: 'Consultations to continue' }],
});

async function planned(subject: TestApp, city: string): Promise<string> {
  const plan = await request(subject.server)
    .post('/api/missions')
    .set(AS.staff)
    .send({ sendingState: 'KR', receivingState: 'CU', city, agreedOn: '2026-11-01' })
    .expect(201);
  return plan.body.missionId as string;
}

describe('What "today" is: the ministry time zone (TIME_ZONE)', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  describe('given no TIME_ZONE (UTC)', () => {
    let subject: TestApp;
    beforeAll(async () => {
      subject = await startTestApp();
    });
    afterAll(async () => {
      await subject.dispose();
    });

    it('when a milestone is dated the next UTC day, late in the UTC evening, then it is 422 and nothing is recorded', async () => {
      const missionId = await planned(subject, 'Havana');
      clockAt(LATE_EVENING_UTC);
      const dispatch = await refused(subject, () =>
        request(subject.server)
          .post(`/api/missions/${missionId}/diplomats`)
          .set(AS.staff)
          .send({ name: 'Kim', title: 'Counsellor', role: 'staff', dispatchedOn: '2026-11-30' }),
      );
      expectProblem(dispatch, 422, '/problems/date-in-the-future');
      expect(dispatch.body.detail).toMatch(/today is 2026-11-29/);
      const meeting = await refused(subject, () =>
        request(subject.server)
          .post('/api/meetings')
          .set(AS.staff)
          .send(meetingHeldOn('2026-11-30')),
      );
      expectProblem(meeting, 422, '/problems/date-in-the-future');
    });

    it('when a milestone is dated the UTC day, then it is recorded', async () => {
      const missionId = await planned(subject, 'Santiago de Cuba');
      clockAt(LATE_EVENING_UTC);
      await request(subject.server)
        .post(`/api/missions/${missionId}/diplomats`)
        .set(AS.staff)
        .send({ name: 'Kim', title: 'Counsellor', role: 'staff', dispatchedOn: '2026-11-29' })
        .expect(201);
    });
  });

  describe('given TIME_ZONE=Asia/Seoul', () => {
    let subject: TestApp;
    beforeAll(async () => {
      subject = await startTestApp({ TIME_ZONE: 'Asia/Seoul' });
    });
    afterAll(async () => {
      await subject.dispose();
    });

    it("when a milestone is dated Seoul's today while UTC is still on the day before, then it is recorded", async () => {
      const missionId = await planned(subject, 'Havana');
      clockAt(LATE_EVENING_UTC);
      await request(subject.server)
        .post(`/api/missions/${missionId}/diplomats`)
        .set(AS.staff)
        .send({ name: 'Kim', title: 'Counsellor', role: 'staff', dispatchedOn: '2026-11-30' })
        .expect(201);
      await request(subject.server)
        .post('/api/meetings')
        .set(AS.staff)
        .send(meetingHeldOn('2026-11-30'))
        .expect(201);
    });

    it("when a date is after Seoul's today, then it is 422 naming Seoul's date", async () => {
      const missionId = await planned(subject, 'Camagüey');
      clockAt(LATE_EVENING_UTC);
      const dispatch = await refused(subject, () =>
        request(subject.server)
          .post(`/api/missions/${missionId}/diplomats`)
          .set(AS.staff)
          .send({ name: 'Lee', title: 'Attaché', role: 'staff', dispatchedOn: '2026-12-01' }),
      );
      expectProblem(dispatch, 422, '/problems/date-in-the-future');
      expect(dispatch.body.detail).toMatch(/today is 2026-11-30/);
    });

    it("when a mission is planned with no agreement date, then it is agreed on Seoul's today", async () => {
      clockAt(LATE_EVENING_UTC);
      const plan = await request(subject.server)
        .post('/api/missions')
        .set(AS.staff)
        .send({ sendingState: 'CU', receivingState: 'KR', city: 'Busan' })
        .expect(201);
      const mission = await request(subject.server)
        .get(`/api/missions/${plan.body.missionId}`)
        .query({ minPosition: plan.body.position })
        .set(AS.staff)
        .expect(200);
      expect(mission.body).toMatchObject({ agreedOn: '2026-11-30' });
    });
  });
});
