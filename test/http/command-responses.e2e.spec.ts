import request from 'supertest';
import { PlanMissionsFromMeetings } from '../../src/missions/meeting-outcomes/plan-missions-from-meetings.js';
import { ROK_CUBA_MEETING } from '../support/rok-cuba.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { AS, DIPLOMAT, eventsOf, readMission } from '../support/http-api.js';

const POSITION = /^[0-9a-f]{32}$/;

/**
 * What every command answers: 201 with Location when it recorded something new, 200 when
 * it changed an existing resource or nothing needed recording; always the stream's
 * revision and position, and the revision as ETag.
 */
describe('Command responses', () => {
  let subject: TestApp;
  const post = (path: string) => request(subject.server).post(path).set(AS.staff);
  /** Asserts the revision, position and ETag every command answers with. */
  const expectRevision = (response: request.Response, revision: number) => {
    expect(response.body).toMatchObject({ revision, position: expect.stringMatching(POSITION) });
    expect(response.headers.etag).toBe(`"${revision}"`);
  };

  beforeAll(async () => {
    subject = await startTestApp();
  });
  afterAll(() => subject.dispose());

  it('records a meeting: 201, Location, meetingId and the missions it calls for', async () => {
    const response = await post('/api/meetings').send(ROK_CUBA_MEETING).expect(201);
    expect(response.body).toEqual({
      meetingId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      missionIds: ['kr-cu-havana', 'cu-kr-seoul'],
      missionsNotPlanned: [],
      revision: 0,
      position: expect.stringMatching(POSITION),
    });
    expect(response.headers.location).toBe(`/api/meetings/${response.body.meetingId}`);
    expect(response.headers.etag).toBe('"0"');
  });

  it('plans a mission directly (201), revises its plan (200) and answers a plan that changes nothing with 200', async () => {
    const plan = { sendingState: 'KR', receivingState: 'CU', city: 'Santiago de Cuba' };
    const planned = await post('/api/missions')
      .send({ ...plan, agreedOn: '2024-06-12' })
      .expect(201);
    expect(planned.body.missionId).toBe('kr-cu-santiago-de-cuba');
    expect(planned.headers.location).toBe('/api/missions/kr-cu-santiago-de-cuba');
    expectRevision(planned, 0);

    const revised = await post('/api/missions')
      .send({ ...plan, agreedOn: '2024-06-12', targets: { embassyBy: '2025-12-31' } })
      .expect(200);
    expectRevision(revised, 1);

    const unchanged = await post('/api/missions')
      .send({ ...plan, agreedOn: '2024-06-12', targets: { embassyBy: '2025-12-31' } })
      .expect(200);
    expectRevision(unchanged, 1);
    const events = await eventsOf(subject, 'mission-kr-cu-santiago-de-cuba');
    expect(events.map((e) => e.type)).toEqual(['MissionPlanned', 'MissionPlanRevised']);
  });

  it('links a mission planned directly to a meeting that calls for it with 200', async () => {
    await post('/api/missions')
      .send({ sendingState: 'CU', receivingState: 'KR', city: 'Busan', agreedOn: '2024-06-12' })
      .expect(201);
    const meeting = await post('/api/meetings')
      .send({
        ...ROK_CUBA_MEETING,
        title: 'Consulate talks',
        outcomes: [
          {
            kind: 'establish-missions',
            summary: 'A consulate in Busan',
            missions: [{ sendingState: 'CU', receivingState: 'KR', city: 'Busan' }],
          },
        ],
      })
      .expect(201);
    const source = { meetingId: meeting.body.meetingId, outcomeId: 'outcome-1' };

    const linked = await post('/api/missions')
      .send({ sendingState: 'CU', receivingState: 'KR', city: 'Busan', source })
      .expect(200);
    expect(linked.body.missionId).toBe('cu-kr-busan');
    await subject.app.get(PlanMissionsFromMeetings).whenCaughtUp(meeting.body.position);

    const mission = await readMission(subject, 'cu-kr-busan');
    expect(mission.status).toBe(200);
    expect(mission.body.sources).toEqual([source]);
    const events = await eventsOf(subject, 'mission-cu-kr-busan');
    expect(events.filter((e) => e.type === 'MissionSourceLinked')).toHaveLength(1);
  });

  it('finds a source meeting and outcome named in upper case, as the meeting’s path does', async () => {
    const meeting = await post('/api/meetings')
      .send({
        ...ROK_CUBA_MEETING,
        title: 'Consulate talks in Santiago',
        outcomes: [
          {
            kind: 'establish-missions',
            summary: 'A consulate in Santiago de Cuba',
            missions: [{ sendingState: 'KR', receivingState: 'CU', city: 'Santiago de Cuba' }],
          },
        ],
      })
      .expect(201);
    const meetingId = meeting.body.meetingId as string;
    const planned = await post('/api/missions')
      .send({
        sendingState: 'KR',
        receivingState: 'CU',
        city: 'Santiago de Cuba',
        source: { meetingId: meetingId.toUpperCase(), outcomeId: 'OUTCOME-1' },
      })
      .expect((r) => expect([200, 201]).toContain(r.status));
    await subject.app.get(PlanMissionsFromMeetings).whenCaughtUp(planned.body.position);
    const mission = await readMission(subject, 'kr-cu-santiago-de-cuba');
    expect(mission.body.sources).toEqual([{ meetingId, outcomeId: 'outcome-1' }]);
  });

  /** The ids of a recorded meeting's outcomes, as its view reads once it has caught up. */
  const outcomeIdsOf = async (meeting: request.Response): Promise<string[]> => {
    const read = await request(subject.server)
      .get(`/api/meetings/${meeting.body.meetingId}?minPosition=${meeting.body.position}`)
      .set(AS.viewer)
      .expect(200);
    return read.body.outcomes.map((o: { outcomeId: string }) => o.outcomeId);
  };

  it('numbers outcomes left without an id around the ids the meeting gives its others', async () => {
    const meeting = await post('/api/meetings')
      .send({
        ...ROK_CUBA_MEETING,
        title: 'Follow-up talks',
        outcomes: [
          { outcomeId: 'outcome-2', kind: 'other', summary: 'A joint statement' },
          { kind: 'other', summary: 'Consular cooperation' },
          { kind: 'other', summary: 'Next round in Havana' },
        ],
      })
      .expect(201);
    expect(await outcomeIdsOf(meeting)).toEqual(['outcome-2', 'outcome-3', 'outcome-4']);
  });

  it('numbers an outcome whose id is null as one left without an id, never storing a null id', async () => {
    const meeting = await post('/api/meetings')
      .send({
        ...ROK_CUBA_MEETING,
        title: 'Talks with a null outcome id',
        outcomes: [{ outcomeId: null, kind: 'other', summary: 'A joint statement' }],
      })
      .expect(201);
    expect(await outcomeIdsOf(meeting)).toEqual(['outcome-1']);
  });

  it('answers every mission milestone with 201, Location, the new revision and ETag', async () => {
    const missionId = (
      await post('/api/missions')
        .send({
          sendingState: 'KR',
          receivingState: 'CU',
          city: 'Camaguey',
          agreedOn: '2024-06-12',
        })
        .expect(201)
    ).body.missionId as string;
    const base = `/api/missions/${missionId}`;

    const dispatched = await post(`${base}/diplomats`).send(DIPLOMAT).expect(201);
    const { diplomatId } = dispatched.body;
    expect(dispatched.body).toEqual({
      missionId,
      diplomatId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      revision: 1,
      position: expect.stringMatching(POSITION),
    });
    expect(dispatched.headers.location).toBe(`${base}/diplomats/${diplomatId}`);
    expectRevision(dispatched, 1);

    const arrived = await post(`${base}/diplomats/${diplomatId}/arrival`)
      .send({ arrivedOn: '2024-06-14' })
      .expect(201);
    expect(arrived.headers.location).toBe(`${base}/diplomats/${diplomatId}`);
    expectRevision(arrived, 2);

    const steps: [string, object][] = [
      ['temporary-office', { openedOn: '2024-06-20', address: 'Calle 1' }],
      ['embassy', { openedOn: '2024-09-01' }],
      ['suspension', { on: '2024-10-01', reason: 'Hurricane' }],
      ['resumption', { on: '2024-10-15' }],
      ['closure', { on: '2024-12-01', reason: 'Relations severed' }],
    ];
    let revision = 2;
    for (const [route, body] of steps) {
      const response = await post(`${base}/${route}`).send(body).expect(201);
      revision += 1;
      expect(response.body.missionId).toBe(missionId);
      expect(response.headers.location).toBe(base);
      expectRevision(response, revision);
    }

    const mission = await readMission(subject, missionId, AS.auditor);
    expect(mission.status).toBe(200);
    expect(mission.body).toMatchObject({ status: 'closed', revision: 7 });
    expect(mission.headers.etag).toBe('"7"');
  });
});
