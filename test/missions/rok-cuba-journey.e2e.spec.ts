import request from 'supertest';
import { PlanMissionsFromMeetings } from '../../src/missions/meeting-outcomes/plan-missions-from-meetings.js';
import type { Position } from '../../src/event-store/position.js';
import { ROK_CUBA_MEETING } from '../support/rok-cuba.js';
import { startTestApp, TOKENS, type TestApp } from '../support/test-app.js';

describe('The ROK–Cuba journey over the HTTP API', () => {
  let subject: TestApp;
  const staff = { Authorization: `Bearer ${TOKENS.staff}` };
  const viewer = { Authorization: `Bearer ${TOKENS.viewer}` };
  const caughtUp = (position: Position) =>
    subject.app.get(PlanMissionsFromMeetings).whenCaughtUp(position);

  beforeAll(async () => {
    subject = await startTestApp();
  });
  afterAll(() => subject.dispose());

  it('records the meeting, plans both missions from it, and follows Havana to its embassy', async () => {
    const meeting = await request(subject.server)
      .post('/api/meetings')
      .set(staff)
      .send(ROK_CUBA_MEETING)
      .expect(201);
    expect(meeting.body).toMatchObject({
      meetingId: expect.any(String),
      missionIds: ['kr-cu-havana', 'cu-kr-seoul'],
      revision: 0,
      position: expect.any(String),
    });
    expect(meeting.headers.location).toBe(`/api/meetings/${meeting.body.meetingId}`);
    await caughtUp(meeting.body.position);

    const planned = await request(subject.server)
      .get('/api/missions/kr-cu-havana')
      .set(viewer)
      .expect(200);
    expect(planned.body).toMatchObject({
      id: 'kr-cu-havana',
      sendingState: 'KR',
      receivingState: 'CU',
      city: 'Havana',
      status: 'planned',
      targets: { temporaryOfficeBy: '2024-06-30', embassyBy: null },
      diplomats: [],
      revision: 0,
    });
    expect(planned.headers.etag).toBe('"0"');

    const dispatched = await request(subject.server)
      .post('/api/missions/kr-cu-havana/diplomats')
      .set(staff)
      .send({
        name: 'Korean diplomat',
        title: 'Counsellor',
        role: 'head-of-office',
        dispatchedOn: '2024-06-10',
        expectedArrivalOn: '2024-06-14',
      })
      .expect(201);
    const { diplomatId } = dispatched.body;
    expect(dispatched.body).toMatchObject({ missionId: 'kr-cu-havana', revision: 1 });
    expect(dispatched.headers.location).toBe(`/api/missions/kr-cu-havana/diplomats/${diplomatId}`);
    expect(dispatched.headers.etag).toBe('"1"');

    const arrived = await request(subject.server)
      .post(`/api/missions/kr-cu-havana/diplomats/${diplomatId}/arrival`)
      .set(staff)
      .send({ arrivedOn: '2024-06-14' })
      .expect(201);
    const located = await request(subject.server)
      .get(dispatched.headers.location)
      .query({ minPosition: arrived.body.position })
      .set(viewer)
      .expect(200);
    expect(located.body).toEqual({
      diplomatId,
      name: 'Korean diplomat',
      title: 'Counsellor',
      role: 'head-of-office',
      rank: { grade: 'counsellor', inferredFromTitle: true },
      dispatchedOn: '2024-06-10',
      expectedArrivalOn: '2024-06-14',
      arrivedOn: '2024-06-14',
    });
    expect(located.headers.etag).toBe('"2"');
    await request(subject.server)
      .post('/api/missions/kr-cu-havana/temporary-office')
      .set(staff)
      .send({ openedOn: '2024-06-28', address: 'Miramar Business Center' })
      .expect(201);
    const embassy = await request(subject.server)
      .post('/api/missions/kr-cu-havana/embassy')
      .set({ ...staff, 'If-Match': '"3"' })
      .send({ openedOn: '2025-01-17' })
      .expect(201);
    expect(embassy.body.revision).toBe(4);

    const havana = await request(subject.server)
      .get('/api/missions/kr-cu-havana')
      .set(viewer)
      .expect(200);
    expect(havana.body).toMatchObject({
      status: 'embassy-open',
      diplomats: [
        {
          diplomatId,
          name: 'Korean diplomat',
          title: 'Counsellor',
          role: 'head-of-office',
          dispatchedOn: '2024-06-10',
          arrivedOn: '2024-06-14',
        },
      ],
      revision: 4,
    });
  });

  it('opens the Cuban embassy in Seoul, staffed since before the meeting', async () => {
    const dispatched = await request(subject.server)
      .post('/api/missions/cu-kr-seoul/diplomats')
      .set(staff)
      .send({
        name: 'Mario Alzugaray Rodríguez',
        title: 'Diplomat',
        role: 'head-of-office',
        dispatchedOn: '2024-06-12',
      })
      .expect(201);
    await request(subject.server)
      .post(`/api/missions/cu-kr-seoul/diplomats/${dispatched.body.diplomatId}/arrival`)
      .set(staff)
      .send({ arrivedOn: '2024-06-12' })
      .expect(201);
    await request(subject.server)
      .post('/api/missions/cu-kr-seoul/embassy')
      .set(staff)
      .send({ openedOn: '2025-06-10' })
      .expect(201);
    const seoul = await request(subject.server)
      .get('/api/missions/cu-kr-seoul')
      .set(viewer)
      .expect(200);
    expect(seoul.body.status).toBe('embassy-open');
  });
});
