import request from 'supertest';
import { AS, readMission } from '../support/http-api.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * An establish-missions outcome is fulfilled once every mission it called for has opened its
 * embassy: what happens to the mission afterwards (an ordered departure, a closure) does not
 * undo the agreement that was carried out.
 */
describe('Given a meeting that agreed an embassy in Juba', () => {
  let subject: TestApp;
  let meetingId: string;
  const mission = 'fr-ss-juba';
  const post = (path: string, body: object) =>
    request(subject.server).post(`/api/missions/${mission}${path}`).set(AS.staff).send(body);
  const outcome = async () => {
    await readMission(subject, mission);
    const meeting = await request(subject.server)
      .get(`/api/meetings/${meetingId}`)
      .set(AS.viewer)
      .expect(200);
    return meeting.body.outcomes[0] as { fulfilled: boolean; missions: { status: string }[] };
  };

  beforeAll(async () => {
    subject = await startTestApp();
    const meeting = await request(subject.server)
      .post('/api/meetings')
      .set(AS.staff)
      .send({
        title: 'France–South Sudan',
        heldOn: '2011-07-09',
        parties: ['FR', 'SS'],
        outcomes: [
          {
            kind: 'establish-missions',
            summary: 'An embassy in Juba',
            missions: [{ sendingState: 'FR', receivingState: 'SS', city: 'Juba' }],
          },
        ],
      })
      .expect(201);
    meetingId = meeting.body.meetingId as string;
    await readMission(subject, mission).then((r) => expect(r.status).toBe(200));
  });
  afterAll(() => subject.dispose());

  it('when nothing has opened yet, then the outcome is not fulfilled', async () => {
    expect(await outcome()).toMatchObject({ fulfilled: false, missions: [{ status: 'planned' }] });
  });

  it('when its embassy opens, then it is fulfilled', async () => {
    const diplomat = await post('/diplomats', {
      name: 'Opening team',
      title: 'Counsellor',
      role: 'head-of-office',
      dispatchedOn: '2011-07-09',
    }).expect(201);
    await post(`/diplomats/${diplomat.body.diplomatId as string}/arrival`, {
      arrivedOn: '2011-07-10',
    }).expect(201);
    await post('/embassy', { openedOn: '2011-07-11' }).expect(201);
    expect(await outcome()).toMatchObject({
      fulfilled: true,
      missions: [{ status: 'embassy-open' }],
    });
  });

  it('when the mission is later suspended, then it stays fulfilled', async () => {
    await post('/suspension', { on: '2016-07-11', reason: 'Ordered departure' }).expect(201);
    expect(await outcome()).toMatchObject({ fulfilled: true, missions: [{ status: 'suspended' }] });
  });

  it('when the mission is closed, then it stays fulfilled', async () => {
    await post('/closure', { on: '2016-08-01', reason: 'Relations severed' }).expect(201);
    expect(await outcome()).toMatchObject({ fulfilled: true, missions: [{ status: 'closed' }] });
  });
});
