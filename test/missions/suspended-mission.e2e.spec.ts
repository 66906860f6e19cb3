import request from 'supertest';
import { AS, DIPLOMAT, expectProblem, readMission, refused } from '../support/http-api.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * A suspended mission judges facts by when they happened, not by when they are recorded: an
 * agreement, or a milestone dated before the suspension, is accepted while it lasts as it is
 * once operations resume, and the mission stays suspended.
 */
describe('Recording facts while a mission is suspended', () => {
  let subject: TestApp;
  const post = (path: string, body: object) =>
    request(subject.server).post(path).set(AS.staff).send(body);

  /** Plans CA's mission in `city` (SN), agreed on `agreedOn`; returns its id. */
  async function planInSenegal(city: string, agreedOn: string): Promise<string> {
    const planned = await post('/api/missions', {
      sendingState: 'CA',
      receivingState: 'SN',
      city,
      agreedOn,
    }).expect(201);
    return planned.body.missionId as string;
  }

  beforeAll(async () => {
    subject = await startTestApp();
  });
  afterAll(() => subject.dispose());

  it('links a meeting held before the suspension and recorded late, and applies its target; the mission stays suspended', async () => {
    const missionId = await planInSenegal('Dakar', '2024-01-10');
    expect(missionId).toBe('ca-sn-dakar');
    const dispatched = await post(`/api/missions/${missionId}/diplomats`, {
      ...DIPLOMAT,
      dispatchedOn: '2024-01-20',
    }).expect(201);
    await post(`/api/missions/${missionId}/diplomats/${dispatched.body.diplomatId}/arrival`, {
      arrivedOn: '2024-02-01',
    }).expect(201);
    await post(`/api/missions/${missionId}/temporary-office`, { openedOn: '2024-02-01' }).expect(
      201,
    );
    await post(`/api/missions/${missionId}/suspension`, {
      on: '2024-03-01',
      reason: 'Ordered departure',
    }).expect(201);

    const meeting = await post('/api/meetings', {
      title: 'Canada–Senegal consultations',
      heldOn: '2024-02-15',
      parties: ['CA', 'SN'],
      outcomes: [
        {
          kind: 'establish-missions',
          summary: 'Open the embassy by the end of the year',
          missions: [
            {
              sendingState: 'CA',
              receivingState: 'SN',
              city: 'Dakar',
              targets: { embassyBy: '2024-12-31' },
            },
          ],
        },
      ],
    }).expect(201);
    expect(meeting.body.missionsNotPlanned).toEqual([]);

    const mission = await readMission(subject, missionId);
    expect(mission.status).toBe(200);
    expect(mission.body).toMatchObject({
      status: 'suspended',
      suspension: { since: '2024-03-01', reason: 'Ordered departure' },
      targets: { temporaryOfficeBy: null, embassyBy: '2024-12-31' },
      sources: [{ meetingId: meeting.body.meetingId, outcomeId: 'outcome-1' }],
    });
  });

  it('records an arrival dated by the suspension day while it lasts, refuses one after it; resuming shows the team on post', async () => {
    const missionId = await planInSenegal('Saint-Louis', '2024-03-15');
    const dispatched = await post(`/api/missions/${missionId}/diplomats`, {
      ...DIPLOMAT,
      dispatchedOn: '2024-04-01',
    }).expect(201);
    const arrival = `/api/missions/${missionId}/diplomats/${dispatched.body.diplomatId}/arrival`;
    await post(`/api/missions/${missionId}/suspension`, {
      on: '2024-05-01',
      reason: 'Ordered departure',
    }).expect(201);

    const during = await refused(subject, () => post(arrival, { arrivedOn: '2024-05-02' }));
    expectProblem(during, 409, '/problems/mission-suspended');
    await post(arrival, { arrivedOn: '2024-04-10' }).expect(201);
    const suspended = await readMission(subject, missionId);
    expect(suspended.body).toMatchObject({
      status: 'suspended',
      diplomats: [expect.objectContaining({ arrivedOn: '2024-04-10' })],
    });

    await post(`/api/missions/${missionId}/resumption`, { on: '2024-06-01' }).expect(201);
    expect((await readMission(subject, missionId)).body.status).toBe('opening-team-on-post');
    const replay = await request(subject.server)
      .get(`/api/missions/${missionId}/replay`)
      .query({ revision: 4 })
      .set(AS.auditor)
      .expect(200);
    expect(replay.body.mission.status).toBe('opening-team-on-post');
  });
});
