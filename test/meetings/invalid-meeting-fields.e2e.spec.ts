import request from 'supertest';
import { AS, expectProblem, planMission, readMission, refused } from '../support/http-api.js';
import { ROK_CUBA_MEETING } from '../support/rok-cuba.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * A field a domain rule refuses whatever is recorded (the same party twice, a mission a state
 * sends to itself or in a city with nothing to name it by, a mission not between the parties,
 * a mission, outcome or area repeated) is an invalid field: a 400 `validation-failed` listing
 * each at its path with the rule that refuses it, beside every other invalid field of the
 * request, and nothing is recorded.
 */
describe('Fields a domain rule refuses', () => {
  let subject: TestApp;
  const post = (path: string) => request(subject.server).post(path).set(AS.staff);
  const refuse = (send: () => Promise<request.Response>) => refused(subject, send);

  beforeAll(async () => {
    subject = await startTestApp();
  });
  afterAll(() => subject.dispose());

  it('lists every field of a meeting a rule refuses, with its path and rule, beside the other invalid fields, in one 400', async () => {
    const response = await refuse(() =>
      post('/api/meetings').send({
        ...ROK_CUBA_MEETING,
        title: '',
        parties: ['KR', 'CU'],
        outcomes: [
          {
            outcomeId: 'missions',
            kind: 'establish-missions',
            summary: 'Open missions',
            missions: [
              { sendingState: 'KR', receivingState: 'CU', city: 'Havana' },
              { sendingState: 'KR', receivingState: 'KR', city: 'Seoul' },
              { sendingState: 'KR', receivingState: 'CU', city: '!!!' },
              { sendingState: 'KR', receivingState: 'US', city: 'Washington' },
              { sendingState: 'KR', receivingState: 'CU', city: ' havana' },
              { sendingState: 'CU', receivingState: 'KR', city: '🇨🇺' },
            ],
          },
          {
            outcomeId: 'missions',
            kind: 'cooperation',
            summary: 'Cooperation',
            areas: ['Trade', 'energy', 'trade'],
          },
        ],
      }),
    );
    expectProblem(response, 400, '/problems/validation-failed');
    const errors = response.body.errors as { path: string; message: string; rule?: string }[];
    expect(errors.map(({ path, rule }) => ({ path, rule }))).toEqual([
      { path: 'title', rule: undefined },
      { path: 'outcomes[0].missions[1].receivingState', rule: 'same-sending-and-receiving-state' },
      { path: 'outcomes[0].missions[2].city', rule: 'invalid-city' },
      { path: 'outcomes[0].missions[5].city', rule: 'invalid-city' },
      { path: 'outcomes[1].areas', rule: 'duplicate-area' },
      { path: 'outcomes[0].missions[3].receivingState', rule: 'mission-not-between-parties' },
      { path: 'outcomes[0].missions[4]', rule: 'duplicate-mission' },
      { path: 'outcomes[1].outcomeId', rule: 'duplicate-outcome' },
    ]);
    for (const error of errors) expect(error.message).toEqual(expect.any(String));
    expect(errors[2].message).toMatch(/no letter or digit/);
    expect(errors[6].message).toMatch(/kr-cu-havana appears more than once/);
    expect(response.body.detail).toMatch(/^The request has invalid fields: title: /);
  });

  it('names the parties when they are one state, and each mission state that is not a party', async () => {
    const response = await refuse(() =>
      post('/api/meetings').send({
        ...ROK_CUBA_MEETING,
        parties: ['KR', 'KR'],
        outcomes: [
          {
            kind: 'establish-missions',
            summary: 'Missions',
            missions: [{ sendingState: 'CU', receivingState: 'US', city: 'Washington' }],
          },
          { kind: 'establish-missions', summary: 'None', missions: [] },
        ],
      }),
    );
    expectProblem(response, 400, '/problems/validation-failed');
    expect(response.body.errors).toEqual([
      {
        path: 'parties',
        message: 'a meeting needs two different parties, not KR twice',
        rule: 'same-parties',
      },
      { path: 'outcomes[1].missions', message: 'missions must have at least 1 item' },
      {
        path: 'outcomes[0].missions[0].sendingState',
        message: expect.stringContaining('the sendingState CU is not one of the parties KR and KR'),
        rule: 'mission-not-between-parties',
      },
      {
        path: 'outcomes[0].missions[0].receivingState',
        message: expect.stringContaining('the receivingState US is not one of the parties'),
        rule: 'mission-not-between-parties',
      },
    ]);
  });

  it('refuses a mission planned directly from a state to itself in a city with nothing to name it by, beside its other invalid fields', async () => {
    const missionId = await planMission(subject.server, 'Invalid Fields City');
    const before = await readMission(subject, missionId);
    expect(before.status).toBe(200);

    const response = await refuse(() =>
      post('/api/missions').send({
        sendingState: 'KR',
        receivingState: 'KR',
        city: '!!!',
        targets: { embassyBy: 'soon' },
      }),
    );
    expectProblem(response, 400, '/problems/validation-failed');
    expect(response.body.errors).toEqual([
      {
        path: 'receivingState',
        message: 'a state does not send a mission to itself (KR to KR)',
        rule: 'same-sending-and-receiving-state',
      },
      {
        path: 'city',
        message: 'city "!!!" has no letter or digit',
        rule: 'invalid-city',
      },
      {
        path: 'targets.embassyBy',
        message: 'embassyBy must be a calendar date written YYYY-MM-DD',
      },
    ]);

    const flag = await refuse(() =>
      post('/api/missions').send({ sendingState: 'CU', receivingState: 'KR', city: '🇨🇺' }),
    );
    expectProblem(flag, 400, '/problems/validation-failed');
    expect(flag.body.errors).toEqual([
      { path: 'city', message: expect.stringMatching(/no letter or digit/), rule: 'invalid-city' },
    ]);

    const after = await readMission(subject, missionId);
    expect(after.body).toEqual(before.body);
    expect(after.headers.etag).toBe(before.headers.etag);
  });
});
