import request from 'supertest';
import { PlanMissionsFromMeetings } from '../../src/missions/meeting-outcomes/plan-missions-from-meetings.js';
import { headUpTo, nominate, step } from '../heads-of-mission/head-of-mission-api.js';
import { AS, expectProblem, refused } from '../support/http-api.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * "Closed is final; restored relations start a new lifecycle" (DOMAIN.md), on the US embassy
 * in Havana: closed on 1961-01-04 when relations were severed, re-established by the
 * 2015-07-01 exchange of letters, open again on 2015-08-14.
 */
const BONSAL = { name: 'Philip Bonsal', title: 'Ambassador', nominatedOn: '1959-01-20' };
const TRACK = [
  ['agrement-request', { requestedOn: '1959-01-21' }],
  ['agrement', { grantedOn: '1959-01-28' }],
  ['appointment', { appointedOn: '1959-02-03' }],
  ['arrival', { arrivedOn: '1959-02-19' }],
  ['credentials', { presentedOn: '1959-03-05' }],
] as const;

describe('A closed mission re-established when relations are restored', () => {
  let subject: TestApp;
  const post = (path: string) => request(subject.server).post(path).set(AS.staff);
  /** A meeting whose one outcome calls for the US embassy in Havana. */
  const keepHavana = (title: string, heldOn: string) =>
    post('/api/meetings')
      .send({
        title,
        heldOn,
        parties: ['US', 'CU'],
        outcomes: [
          {
            kind: 'establish-missions',
            summary: 'Keep the embassy in Havana',
            missions: [{ sendingState: 'US', receivingState: 'CU', city: 'Havana' }],
          },
        ],
      })
      .expect(201);
  const read = (path: string, minPosition: string) =>
    request(subject.server).get(path).query({ minPosition }).set(AS.viewer).expect(200);

  beforeAll(async () => {
    subject = await startTestApp();
  });
  afterAll(() => subject.dispose());

  it('starts a new lifecycle from a meeting after the closure, keeping the old one as history', async () => {
    const recognition = await keepHavana(
      'Recognition of the revolutionary government',
      '1959-01-07',
    );
    await read('/api/missions/us-cu-havana', recognition.body.position);
    const diplomat = await post('/api/missions/us-cu-havana/diplomats')
      .send({
        name: 'Philip Bonsal',
        title: 'Ambassador',
        role: 'head-of-mission',
        dispatchedOn: '1959-02-19',
      })
      .expect(201);
    await post(`/api/missions/us-cu-havana/diplomats/${diplomat.body.diplomatId}/arrival`)
      .send({ arrivedOn: '1959-03-10' })
      .expect(201);
    await post('/api/missions/us-cu-havana/embassy').send({ openedOn: '1959-03-10' }).expect(201);
    const bonsal = await headUpTo(subject.server, 'us-cu-havana', 'credentials', BONSAL, TRACK);
    const closure = await post('/api/missions/us-cu-havana/closure')
      .send({ on: '1961-01-04', reason: 'Diplomatic relations severed' })
      .expect(201);

    // An agreement from before the closure cannot bring the mission back.
    const early = await refused(subject, () =>
      post('/api/missions').send({
        sendingState: 'US',
        receivingState: 'CU',
        city: 'Havana',
        agreedOn: '1960-06-01',
      }),
    );
    expectProblem(early, 409, '/problems/mission-closed');

    // A meeting held before the closure is recorded (it happened), and says it plans nothing.
    const before = await read('/api/missions/us-cu-havana', closure.body.position);
    const lateRecord = await keepHavana('Talks before the break', '1960-06-01');
    expect(lateRecord.body.missionIds).toEqual(['us-cu-havana']);
    expect(lateRecord.body.missionsNotPlanned).toEqual([
      {
        missionId: 'us-cu-havana',
        path: 'outcomes[0].missions[0]',
        rule: 'mission-closed',
        detail: expect.stringContaining('1961-01-04'),
      },
    ]);
    await subject.app.get(PlanMissionsFromMeetings).whenCaughtUp(lateRecord.body.position);
    const after = await read('/api/missions/us-cu-havana', lateRecord.body.position);
    expect(after.body.revision).toBe(before.body.revision);

    const meeting = await post('/api/meetings')
      .send({
        title: 'Exchange of letters re-establishing diplomatic relations',
        heldOn: '2015-07-01',
        place: 'Washington',
        parties: ['US', 'CU'],
        outcomes: [
          {
            kind: 'establish-missions',
            summary: 'Re-establish relations and open embassies on 20 July 2015',
            missions: [
              { sendingState: 'US', receivingState: 'CU', city: 'Havana' },
              { sendingState: 'CU', receivingState: 'US', city: 'Washington' },
            ],
          },
        ],
      })
      .expect(201);
    expect(meeting.body.missionIds).toEqual(['us-cu-havana', 'cu-us-washington']);

    const havana = await read('/api/missions/us-cu-havana', meeting.body.position);
    expect(havana.body).toMatchObject({
      status: 'planned',
      lifecycle: 2,
      plannedOn: '2015-07-01',
      agreedOn: '2015-07-01',
      diplomats: [],
      embassy: null,
      closure: null,
      overdue: [],
    });
    expect(havana.body.milestones.map((m: { type: string }) => m.type)).toEqual([
      'MissionPlanned',
      'DiplomatDispatched',
      'DiplomatArrived',
      'EmbassyOpened',
      'MissionClosed',
      'MissionReestablished',
    ]);
    expect(havana.body.sources).toEqual([
      { meetingId: recognition.body.meetingId, outcomeId: expect.any(String) },
      { meetingId: meeting.body.meetingId, outcomeId: expect.any(String) },
    ]);
    // The 1959 dispatch's Location still answers.
    const ambassador = await read(diplomat.headers.location, meeting.body.position);
    expect(ambassador.body).toMatchObject({ name: 'Philip Bonsal', arrivedOn: '1959-03-10' });
    const washington = await read('/api/missions/cu-us-washington', meeting.body.position);
    expect(washington.body).toMatchObject({ status: 'planned', lifecycle: 1 });

    // The head of mission of 1959 ended with the closure: listed, heading nothing now, and
    // a chargé d'affaires of the new lifecycle may be designated.
    expect(havana.body).toMatchObject({ headOfMission: null, chargeDAffaires: null });
    expect(havana.body.headsOfMission).toEqual([
      expect.objectContaining({ headOfMissionId: bonsal, stage: 'credentials-presented' }),
    ]);
    await post('/api/missions/us-cu-havana/charge-d-affaires')
      .send({ name: 'Jeffrey DeLaurentis', title: "Chargé d'affaires", designatedOn: '2015-07-20' })
      .expect(201);
    const oldTrack = await refused(subject, () =>
      step(subject.server, 'us-cu-havana', bonsal, 'copy-of-credentials', {
        presentedOn: '2015-07-21',
      }),
    );
    expectProblem(oldTrack, 409, '/problems/nominee-of-earlier-lifecycle');

    // The 1959 meeting still reads as its own lifecycle ended, not as the new one's progress:
    // fulfilled, as its embassy opened then (the closure did not undo that).
    const earlier = await read(
      `/api/meetings/${recognition.body.meetingId}`,
      meeting.body.position,
    );
    expect(earlier.body.outcomes[0]).toMatchObject({
      fulfilled: true,
      missions: [
        expect.objectContaining({
          missionId: 'us-cu-havana',
          status: 'closed',
          lifecycle: 1,
          embassyOpenedOn: '1959-03-10',
          overdue: [],
        }),
      ],
    });
    const restoring = await read(`/api/meetings/${meeting.body.meetingId}`, meeting.body.position);
    expect(restoring.body.outcomes[0].missions[0]).toMatchObject({
      missionId: 'us-cu-havana',
      status: 'planned',
      lifecycle: 2,
    });

    // The new lifecycle takes nothing dated before the closure, and goes on from nothing.
    const stale = await refused(subject, () =>
      post('/api/missions/us-cu-havana/diplomats').send({
        name: 'Jeffrey DeLaurentis',
        title: "Chargé d'affaires",
        role: 'head-of-mission',
        dispatchedOn: '1960-12-31',
      }),
    );
    expectProblem(stale, 422, '/problems/date-before-agreement');
    const oldAgreement = await refused(subject, () =>
      post('/api/missions').send({
        sendingState: 'US',
        receivingState: 'CU',
        city: 'Havana',
        agreedOn: '1960-06-01',
      }),
    );
    expectProblem(oldAgreement, 422, '/problems/agreement-before-closure');
    const chargé = await post('/api/missions/us-cu-havana/diplomats')
      .send({
        name: 'Jeffrey DeLaurentis',
        title: "Chargé d'affaires",
        role: 'head-of-mission',
        dispatchedOn: '2015-07-20',
      })
      .expect(201);
    await post(`/api/missions/us-cu-havana/diplomats/${chargé.body.diplomatId}/arrival`)
      .send({ arrivedOn: '2015-07-20' })
      .expect(201);
    const opened = await post('/api/missions/us-cu-havana/embassy')
      .send({ openedOn: '2015-08-14' })
      .expect(201);
    const reopened = await read('/api/missions/us-cu-havana', opened.body.position);
    expect(reopened.body).toMatchObject({
      status: 'embassy-open',
      lifecycle: 2,
      embassy: { openedOn: '2015-08-14' },
      diplomats: [expect.objectContaining({ name: 'Jeffrey DeLaurentis' })],
      chargeDAffaires: expect.objectContaining({ name: 'Jeffrey DeLaurentis' }),
    });
  });

  it('keeps a nominee and a chargé d’affaires dated on the closure day in the lifecycle that closed, when the mission is re-established that same day', async () => {
    const mission = 'mx-ec-guayaquil';
    await post('/api/missions')
      .send({ sendingState: 'MX', receivingState: 'EC', city: 'Guayaquil', agreedOn: '2024-01-01' })
      .expect(201);
    await post(`/api/missions/${mission}/charge-d-affaires`)
      .send({ name: 'Chargé of 2024', title: 'Counsellor', designatedOn: '2024-04-05' })
      .expect(201);
    const first = await nominate(subject.server, mission, {
      name: 'Nominee of 2024',
      title: 'Ambassador',
      nominatedOn: '2024-04-05',
    }).expect(201);
    await post(`/api/missions/${mission}/closure`)
      .send({ on: '2024-04-05', reason: 'Relations severed' })
      .expect(201);
    await post('/api/missions')
      .send({ sendingState: 'MX', receivingState: 'EC', city: 'Guayaquil', agreedOn: '2024-04-05' })
      .expect(201);

    const reopened = await request(subject.server).get(`/api/missions/${mission}`).set(AS.viewer);
    expect(reopened.body).toMatchObject({
      lifecycle: 2,
      headOfMission: null,
      chargeDAffaires: null,
    });
    const oldTrack = await refused(subject, () =>
      step(subject.server, mission, first.body.headOfMissionId, 'agrement-request', {
        requestedOn: '2024-04-06',
      }),
    );
    expectProblem(oldTrack, 409, '/problems/nominee-of-earlier-lifecycle');
    // The re-established mission's record starts the day after the closure.
    for (const [path, body] of [
      ['head-of-mission', { name: 'Nominee', title: 'Ambassador', nominatedOn: '2024-04-05' }],
      ['charge-d-affaires', { name: 'Chargé', title: 'Counsellor', designatedOn: '2024-04-05' }],
    ] as const) {
      const sameDay = await refused(subject, () =>
        post(`/api/missions/${mission}/${path}`).send(body),
      );
      expectProblem(sameDay, 422, '/problems/dated-on-closure-day');
    }
    await nominate(subject.server, mission, {
      name: 'Nominee of lifecycle 2',
      title: 'Ambassador',
      nominatedOn: '2024-04-06',
    }).expect(201);
  });

  it.each([
    ['on the meeting’s day', 'New Delhi', '2025-04-01', {}],
    [
      'later than the meeting, the citation dated after it',
      'Mumbai',
      '2025-05-15',
      { agreedOn: '2025-06-01' },
    ],
  ])(
    'refuses a citation of the closed lifecycle’s own meeting stating a target it left open (closed %s): 409, not a re-establishment',
    async (_label, city, closedOn, agreedOn) => {
      const mission = { sendingState: 'NO', receivingState: 'IN', city };
      const held = await post('/api/meetings')
        .send({
          title: `Norway–India talks on ${city}`,
          heldOn: '2025-04-01',
          parties: ['NO', 'IN'],
          outcomes: [
            {
              kind: 'establish-missions',
              summary: `Open a mission in ${city}`,
              missions: [{ ...mission, targets: { temporaryOfficeBy: '2025-09-30' } }],
            },
          ],
        })
        .expect(201);
      const [missionId] = held.body.missionIds as string[];
      await read(`/api/missions/${missionId}`, held.body.position);
      await post(`/api/missions/${missionId}/closure`)
        .send({ on: closedOn, reason: 'Relations severed' })
        .expect(201);
      const source = { meetingId: held.body.meetingId, outcomeId: 'outcome-1' };

      const cited = await refused(subject, () =>
        post('/api/missions').send({
          ...mission,
          source,
          targets: { embassyBy: '2026-03-31' },
          ...agreedOn,
        }),
      );
      expectProblem(cited, 409, '/problems/mission-closed');

      // Without a target of its own it links nothing again, as a replay of the meeting.
      const again = await post('/api/missions')
        .send({ ...mission, source, ...agreedOn })
        .expect(200);
      const view = await read(`/api/missions/${missionId}`, again.body.position);
      expect(view.body).toMatchObject({
        status: 'closed',
        lifecycle: 1,
        targets: { temporaryOfficeBy: '2025-09-30', embassyBy: null },
      });
    },
  );

  it('shows a meeting held on the closure day and linked before the closure with the lifecycle it joined, not the next', async () => {
    const lisbon = { sendingState: 'IE', receivingState: 'PT', city: 'Lisbon' };
    await post('/api/missions')
      .send({ ...lisbon, agreedOn: '2018-01-01' })
      .expect(201);
    const meeting = await post('/api/meetings')
      .send({
        title: 'Talks in Lisbon',
        heldOn: '2018-04-01',
        parties: ['IE', 'PT'],
        outcomes: [
          {
            kind: 'establish-missions',
            summary: 'Keep the embassy in Lisbon',
            missions: [{ ...lisbon, targets: { embassyBy: '2018-12-31' } }],
          },
        ],
      })
      .expect(201);
    expect(meeting.body.missionsNotPlanned).toEqual([]);
    await read('/api/missions/ie-pt-lisbon', meeting.body.position);
    await post('/api/missions/ie-pt-lisbon/closure')
      .send({ on: '2018-04-01', reason: 'Relations severed' })
      .expect(201);
    const reestablished = await post('/api/missions')
      .send({ ...lisbon, agreedOn: '2018-05-01', targets: { embassyBy: '2018-06-01' } })
      .expect(201);
    const view = await read(`/api/meetings/${meeting.body.meetingId}`, reestablished.body.position);
    expect(view.body.outcomes[0].missions[0]).toMatchObject({
      missionId: 'ie-pt-lisbon',
      status: 'closed',
      lifecycle: 1,
      overdue: [],
    });
  });
});
