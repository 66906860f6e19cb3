import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { chainHash } from '../../src/audit/hash-chain.js';
import type { CommandContext } from '../../src/command-handling/command-context.js';
import { ExecuteMissionHeadsCommand } from '../../src/heads-of-mission/commands/execute-mission-heads-command.js';
import { HeadOfMissionContextLoader } from '../../src/heads-of-mission/commands/head-of-mission-context.loader.js';
import { CommandBus } from '@nestjs/cqrs';
import { ReadModelChanges } from '../../src/projections/read-model-changes.js';
import { ProjectionsService } from '../../src/projections/projections.service.js';
import type { ReadModelChange } from '../../src/projections/projection.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import {
  AS,
  eventsOf,
  expectProblem,
  pathsOf,
  planMission,
  readMission,
  refused,
} from '../support/http-api.js';
import {
  headUpTo,
  LEE,
  nominate,
  step,
  SUCCESSOR,
  SUCCESSOR_TRACK,
  TRACK,
} from './head-of-mission-api.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('The head-of-mission track over the HTTP API', () => {
  let subject: TestApp;
  const server = () => subject.server;
  const closeMission = (missionId: string, on: string) =>
    request(server())
      .post(`/api/missions/${missionId}/closure`)
      .set(AS.staff)
      .send({ on, reason: 'relations severed' });

  beforeAll(async () => {
    subject = await startTestApp();
  });
  afterAll(() => subject.dispose());

  describe('from nomination to credentials', () => {
    it('records every step, answers with the track’s revision, and shows the head on the mission', async () => {
      const missionId = await planMission(server(), 'Havana');
      const nominated = await nominate(server(), missionId).expect(201);
      const { headOfMissionId } = nominated.body;
      expect(nominated.body).toEqual({
        missionId,
        headOfMissionId: expect.stringMatching(UUID),
        revision: 0,
        position: expect.stringMatching(/^[0-9a-f]{32}$/),
      });
      expect(nominated.headers.etag).toBe('"0"');
      expect(nominated.headers.location).toBe(
        `/api/missions/${missionId}/head-of-mission/${headOfMissionId}`,
      );

      let last = nominated;
      for (const [index, [path, body]] of TRACK.entries()) {
        last = await step(server(), missionId, headOfMissionId, path, body).expect(201);
        expect(last.body).toMatchObject({ missionId, headOfMissionId, revision: index + 1 });
        expect(last.headers.etag).toBe(`"${index + 1}"`);
        expect(last.headers.location).toBe(
          `/api/missions/${missionId}/head-of-mission/${headOfMissionId}`,
        );
      }

      const mission = await request(server())
        .get(`/api/missions/${missionId}`)
        .query({ minPosition: last.body.position })
        .set(AS.viewer)
        .expect(200);
      const head = {
        headOfMissionId,
        name: 'Lee Ho-yul',
        title: 'Ambassador Extraordinary and Plenipotentiary',
        stage: 'credentials-presented',
        nominatedOn: '2024-11-20',
        agrementRequestedOn: '2024-12-02',
        agrementGrantedOn: '2025-01-20',
        agrementRefusal: null,
        appointedOn: '2025-01-31',
        arrivedOn: '2025-02-06',
        copyOfCredentialsPresentedOn: '2025-02-11',
        credentialsPresentedOn: '2025-02-25',
        precedenceDate: '2025-02-25',
        functionsEnded: null,
        revision: 6,
      };
      expect(mission.body).toMatchObject({
        status: 'planned',
        headOfMission: head,
        chargeDAffaires: null,
        headsOfMission: [head],
        headsOfMissionRevision: 0,
        revision: 0,
      });
      // The mission's own revision is untouched: If-Match on mission commands still works.
      expect(mission.headers.etag).toBe('"0"');
      // Location names the nominee: it answers with the track and its revision as ETag.
      const located = await request(server()).get(last.headers.location).set(AS.viewer).expect(200);
      expect(located.body).toEqual(head);
      expect(located.headers.etag).toBe('"6"');
      await request(server())
        .get(`/api/missions/${missionId}/head-of-mission/${randomUUID()}`)
        .set(AS.viewer)
        .expect(404);
      expect(
        (mission.body.headOfMissionMilestones as { type: string }[]).map((m) => m.type),
      ).toEqual([
        'HeadOfMissionNominated',
        'AgrementRequested',
        'AgrementGranted',
        'HeadOfMissionAppointed',
        'HeadOfMissionArrived',
        'CopyOfCredentialsPresented',
        'CredentialsPresented',
      ]);
      expect(mission.body.headOfMissionMilestones[6]).toMatchObject({
        stream: `head-of-mission-${headOfMissionId}`,
        headOfMissionId,
        occurredOn: '2025-02-25',
        recordedBy: 'test-staff',
        revision: 6,
        data: { missionId, headOfMissionId, presentedOn: '2025-02-25' },
      });
    });

    it('records who, when and why in each event’s metadata, chained like every other stream', async () => {
      const missionId = await planMission(server(), 'Metadata City');
      const headOfMissionId = await headUpTo(server(), missionId, 'agrement');

      const track = await eventsOf(subject, `head-of-mission-${headOfMissionId}`);
      const register = await eventsOf(subject, `heads-of-mission-${missionId}`);
      expect(register.map((e) => e.type)).toEqual(['NomineeRegistered']);
      expect(track.map((e) => [e.type, e.metadata.command])).toEqual([
        ['HeadOfMissionNominated', 'NominateHeadOfMission'],
        ['AgrementRequested', 'RequestAgrement'],
        ['AgrementGranted', 'GrantAgrement'],
      ]);
      for (const event of [...register, ...track]) {
        expect(event.metadata).toMatchObject({
          actor: 'test-staff',
          actorRole: 'staff',
          recordedAt: expect.any(String),
          correlationId: expect.any(String),
          causationId: expect.stringMatching(/^request:/),
        });
        expect(event.metadata.hash).toBe(chainHash(event));
      }
      expect(track[0].metadata.prevHash ?? null).toBeNull();
      expect(track[1].metadata.prevHash).toBe(track[0].metadata.hash);
      expect(track[2].metadata.prevHash).toBe(track[1].metadata.hash);
    });

    it('pushes the mission to live feeds when its head’s track changes', async () => {
      const missionId = await planMission(server(), 'Live City');
      const changes: ReadModelChange[] = [];
      const stop = subject.app.get(ReadModelChanges).listen((batch) => changes.push(...batch));
      try {
        const nominated = await nominate(server(), missionId).expect(201);
        await readMission(subject, missionId);
        expect(changes).toContainEqual({
          projection: 'mission-status',
          key: missionId,
          position: nominated.body.position,
        });
      } finally {
        stop();
      }
    });
  });

  describe('the rules of the track', () => {
    let missionId: string;
    beforeAll(async () => {
      missionId = await planMission(server(), 'Rules City');
    });

    it('refuses an appointment without agrément (art. 4), and records nothing', async () => {
      const headOfMissionId = await headUpTo(server(), missionId, 'agrement-request');
      const response = await refused(subject, () =>
        step(server(), missionId, headOfMissionId, 'appointment', { appointedOn: '2025-01-31' }),
      );
      expectProblem(response, 409, '/problems/agrement-not-granted');
      expect(response.body.rule).toBe('agrement-not-granted');
      expect(response.body.detail).toMatch(/VCDR art\. 4/);
    });

    it('refuses credentials before arrival (art. 13), a date in the future, and dates out of order', async () => {
      const other = await planMission(server(), 'Order City');
      const headOfMissionId = await headUpTo(server(), other, 'appointment');
      expectProblem(
        await refused(subject, () =>
          step(server(), other, headOfMissionId, 'credentials', { presentedOn: '2025-02-25' }),
        ),
        409,
        '/problems/head-of-mission-not-arrived',
      );
      expectProblem(
        await refused(subject, () =>
          step(server(), other, headOfMissionId, 'arrival', { arrivedOn: '2999-01-01' }),
        ),
        422,
        '/problems/date-in-the-future',
      );
      expectProblem(
        await refused(subject, () =>
          step(server(), other, headOfMissionId, 'arrival', { arrivedOn: '2025-01-30' }),
        ),
        422,
        '/problems/date-before-previous-step',
      );
    });

    it('validates bodies and ids like every other command', async () => {
      const response = await refused(subject, () =>
        nominate(server(), missionId, { ...LEE, nominatedOn: '20 Nov 2024', rank: 'x' }),
      );
      expectProblem(response, 400, '/problems/validation-failed');
      expect(pathsOf(response).sort()).toEqual(['nominatedOn', 'rank']);
      expectProblem(
        await step(server(), missionId, 'not-a-uuid', 'agrement', { grantedOn: '2025-01-20' }),
        404,
        '/problems/head-of-mission-not-nominated',
      );
      expectProblem(
        await step(server(), missionId, crypto.randomUUID(), 'agrement-request', {
          requestedOn: '2025-01-20',
        }),
        404,
        '/problems/head-of-mission-not-nominated',
      );
      const endedWrongly = await step(
        server(),
        missionId,
        crypto.randomUUID(),
        'end-of-functions',
        {
          endedOn: '2025-01-20',
          reason: 'bored',
        },
      );
      expectProblem(endedWrongly, 400, '/problems/validation-failed');
      expect(pathsOf(endedWrongly)).toEqual(['reason']);
    });

    it('refuses a nomination to a mission never planned', async () => {
      expectProblem(
        await refused(subject, () => nominate(server(), 'kr-cu-nowhere')),
        404,
        '/problems/mission-not-planned',
      );
    });

    it('refuses a nomination dated before the mission was agreed', async () => {
      const other = await planMission(server(), 'Early City');
      expectProblem(
        await refused(subject, () =>
          nominate(server(), other, { ...LEE, nominatedOn: '2024-01-01' }),
        ),
        422,
        '/problems/date-before-agreement',
      );
    });

    it('lets only staff record the track', async () => {
      expectProblem(
        await nominate(server(), missionId, LEE, AS.viewer),
        403,
        '/problems/forbidden',
      );
      expectProblem(
        await nominate(server(), missionId, LEE, AS.auditor),
        403,
        '/problems/forbidden',
      );
    });

    it('does not reach a head through another mission', async () => {
      const home = await planMission(server(), 'Home City');
      const away = await planMission(server(), 'Away City');
      const headOfMissionId = await headUpTo(server(), home, 'nomination');
      expectProblem(
        await step(server(), away, headOfMissionId, 'agrement-request', {
          requestedOn: '2024-12-02',
        }),
        404,
        '/problems/head-of-mission-not-nominated',
      );
    });
  });

  describe('one nominee under way, one head in office', () => {
    it('refuses a second nominee while the first is under way, and takes one once the agrément was refused', async () => {
      const missionId = await planMission(server(), 'Refusal City');
      const first = await headUpTo(server(), missionId, 'agrement-request');
      const second = await refused(subject, () =>
        nominate(server(), missionId, { ...LEE, name: 'Second choice', nominatedOn: '2025-01-05' }),
      );
      expectProblem(second, 409, '/problems/head-of-mission-already-nominated');

      await step(server(), missionId, first, 'agrement-refusal', {
        refusedOn: '2025-01-02',
      }).expect(201);
      expectProblem(
        await refused(subject, () =>
          step(server(), missionId, first, 'agrement', { grantedOn: '2025-01-03' }),
        ),
        409,
        '/problems/agrement-refused',
      );
      const replacement = await nominate(server(), missionId, {
        ...LEE,
        name: 'Second choice',
        nominatedOn: '2025-01-05',
      }).expect(201);

      const mission = await readMission(subject, missionId);
      expect(mission.body.headOfMission).toMatchObject({
        headOfMissionId: replacement.body.headOfMissionId,
        name: 'Second choice',
        stage: 'nominated',
      });
      expect(mission.body.headsOfMission.map((h: { stage: string }) => h.stage)).toEqual([
        'agrement-refused',
        'nominated',
      ]);
      expect(mission.body.headsOfMission[0].agrementRefusal).toEqual({
        refusedOn: '2025-01-02',
        reason: null,
      });
    });

    it('takes a successor while the head is in office, but no credentials until the functions end', async () => {
      const missionId = await planMission(server(), 'Succession City');
      const incumbent = await headUpTo(server(), missionId, 'credentials');
      const successor = await headUpTo(server(), missionId, 'arrival', SUCCESSOR, SUCCESSOR_TRACK);

      expectProblem(
        await refused(subject, () =>
          step(server(), missionId, successor, 'credentials', { presentedOn: '2025-03-20' }),
        ),
        409,
        '/problems/another-head-of-mission-in-office',
      );
      let mission = await readMission(subject, missionId);
      expect(mission.body.headOfMission).toMatchObject({ headOfMissionId: incumbent });

      await step(server(), missionId, incumbent, 'end-of-functions', {
        endedOn: '2025-03-15',
        reason: 'end-of-term',
      }).expect(201);
      expectProblem(
        await refused(subject, () =>
          step(server(), missionId, incumbent, 'end-of-functions', {
            endedOn: '2025-03-16',
            reason: 'recalled',
          }),
        ),
        409,
        '/problems/head-of-mission-functions-ended',
      );
      await step(server(), missionId, successor, 'credentials', {
        presentedOn: '2025-03-20',
      }).expect(201);

      mission = await readMission(subject, missionId);
      expect(mission.body.headOfMission).toMatchObject({
        headOfMissionId: successor,
        stage: 'credentials-presented',
        precedenceDate: '2025-03-20',
      });
      expect(mission.body.headsOfMission[0]).toMatchObject({
        headOfMissionId: incumbent,
        stage: 'functions-ended',
        functionsEnded: { endedOn: '2025-03-15', reason: 'end-of-term', note: null },
      });
    });
  });

  describe('a chargé d’affaires a.i.', () => {
    it('heads the mission while the post is vacant, and no longer once a head presents credentials', async () => {
      const missionId = await planMission(server(), 'Interim City');
      const designated = await request(server())
        .post(`/api/missions/${missionId}/charge-d-affaires`)
        .set(AS.staff)
        .send({ name: 'Kim Chargé', title: 'Counsellor', designatedOn: '2025-01-17' })
        .expect(201);
      expect(designated.body).toMatchObject({ missionId, revision: 0 });
      expect(designated.headers.etag).toBe('"0"');
      const headOfMissionId = await headUpTo(server(), missionId, 'copy-of-credentials');

      let mission = await readMission(subject, missionId);
      expect(mission.body.chargeDAffaires).toEqual({
        name: 'Kim Chargé',
        title: 'Counsellor',
        designatedOn: '2025-01-17',
      });
      expect(mission.body.headOfMission).toMatchObject({
        headOfMissionId,
        stage: 'copy-of-credentials-presented',
      });
      expect(mission.body.headsOfMissionRevision).toBe(1);

      await step(server(), missionId, headOfMissionId, 'credentials', {
        presentedOn: '2025-02-25',
      }).expect(201);
      mission = await readMission(subject, missionId);
      expect(mission.body.chargeDAffaires).toBeNull();
      expect(mission.body.headOfMission.stage).toBe('credentials-presented');

      const during = await refused(subject, () =>
        request(server())
          .post(`/api/missions/${missionId}/charge-d-affaires`)
          .set(AS.staff)
          .send({ name: 'Another', title: 'First Secretary', designatedOn: '2025-03-01' }),
      );
      expectProblem(during, 409, '/problems/head-of-mission-in-office');
      expect(
        (mission.body.headOfMissionMilestones as { type: string }[]).map((m) => m.type)[0],
      ).toBe('ChargeDAffairesDesignated');
    });
  });

  describe('racing requests on one mission', () => {
    it('designates no chargé d’affaires after a head took office, whichever request comes first', async () => {
      const missionId = await planMission(server(), 'Race City');
      const incumbent = await headUpTo(server(), missionId, 'credentials');
      const successor = await headUpTo(server(), missionId, 'arrival', SUCCESSOR, SUCCESSOR_TRACK);
      const answers = await Promise.all([
        step(server(), missionId, incumbent, 'end-of-functions', {
          endedOn: '2025-04-01',
          reason: 'end-of-term',
        }),
        step(server(), missionId, successor, 'credentials', { presentedOn: '2025-04-01' }),
        request(server())
          .post(`/api/missions/${missionId}/charge-d-affaires`)
          .set(AS.staff)
          .send({ name: 'Racing Chargé', title: 'Counsellor', designatedOn: '2025-04-01' }),
      ]);
      for (const answer of answers) expect(answer.status).toBeLessThan(500);
      const mission = await readMission(subject, missionId);
      expect(mission.body.chargeDAffaires).toBeNull();
      expect(mission.body.headOfMission).toMatchObject({
        headOfMissionId: successor,
        stage: 'credentials-presented',
      });
    });
  });

  describe('concurrency, idempotency and the mission’s end', () => {
    it('maps If-Match to the track’s revision', async () => {
      const missionId = await planMission(server(), 'Guarded City');
      const headOfMissionId = await headUpTo(server(), missionId, 'nomination');
      const stale = await refused(subject, () =>
        step(
          server(),
          missionId,
          headOfMissionId,
          'agrement-request',
          { requestedOn: '2024-12-02' },
          {
            ...AS.staff,
            'If-Match': '"5"',
          },
        ),
      );
      expectProblem(stale, 412, '/problems/stale-revision');
      await step(
        server(),
        missionId,
        headOfMissionId,
        'agrement-request',
        { requestedOn: '2024-12-02' },
        { ...AS.staff, 'If-Match': '"0"' },
      ).expect(201);
    });

    it('maps If-Match on a nomination to the mission’s register of heads', async () => {
      const missionId = await planMission(server(), 'Register City');
      expectProblem(
        await refused(subject, () =>
          nominate(server(), missionId, LEE, { ...AS.staff, 'If-Match': '"0"' }),
        ),
        412,
        '/problems/stale-revision',
      );
    });

    it('given a mission whose register of heads is still empty, If-Match: * guards its first nomination and its first chargé d’affaires', async () => {
      const nominated = await planMission(server(), 'First Nominee City');
      const nomination = await nominate(server(), nominated, LEE, { ...AS.staff, 'If-Match': '*' });
      expect(nomination.status).toBe(201);
      const designatedIn = await planMission(server(), 'First Chargé City');
      const designated = await request(server())
        .post(`/api/missions/${designatedIn}/charge-d-affaires`)
        .set({ ...AS.staff, 'If-Match': '*' })
        .send({ name: 'First Chargé', title: 'Counsellor', designatedOn: '2025-01-17' });
      expect(designated.status).toBe(201);
      expect(designated.headers.etag).toBe('"0"');
      // A mission never planned is still a 404, not a 412 or a register of its own.
      expectProblem(
        await refused(subject, () =>
          nominate(server(), 'kr-cu-nowhere', LEE, { ...AS.staff, 'If-Match': '*' }),
        ),
        404,
        '/problems/mission-not-planned',
      );
    });

    it('answers 404, not 412, to a nomination to a mission never planned or a step of a nominee never nominated, whatever its If-Match', async () => {
      const ifMatch = { ...AS.staff, 'If-Match': '"0"' };
      expectProblem(
        await refused(subject, () => nominate(server(), 'kr-cu-nowhere', LEE, ifMatch)),
        404,
        '/problems/mission-not-planned',
      );
      const missionId = await planMission(server(), 'Unknown Nominee City');
      expectProblem(
        await refused(subject, () =>
          step(
            server(),
            missionId,
            crypto.randomUUID(),
            'agrement-request',
            { requestedOn: '2024-12-02' },
            ifMatch,
          ),
        ),
        404,
        '/problems/head-of-mission-not-nominated',
      );
    });

    it('answers 404 to a step of another mission’s nominee, on a mission never planned or on one that never nominated it, whatever its If-Match, and gives the track’s revision away nowhere', async () => {
      const ownMission = await planMission(server(), 'Nominee Owner City');
      const headOfMissionId = await headUpTo(server(), ownMission, 'nomination');
      const elsewhere = await planMission(server(), 'Nominee Stranger City');
      const cases = [
        ['no-se-oslo', '/problems/mission-not-planned'],
        [elsewhere, '/problems/head-of-mission-not-nominated'],
      ] as const;
      for (const [missionId, type] of cases) {
        for (const ifMatch of [undefined, '"9"', '"0"', '*']) {
          const headers = ifMatch === undefined ? AS.staff : { ...AS.staff, 'If-Match': ifMatch };
          const response = await refused(subject, () =>
            step(
              server(),
              missionId,
              headOfMissionId,
              'agrement-request',
              { requestedOn: '2025-03-01' },
              headers,
            ),
          );
          const problem = expectProblem(response, 404, type);
          expect(problem).not.toHaveProperty('currentRevision');
          expect(String(problem.detail)).not.toMatch(/revision/);
          expect(response.headers.etag).toBeUndefined();
        }
      }
      // On its own mission, the same stale If-Match is the 412 it names.
      expectProblem(
        await refused(subject, () =>
          step(
            server(),
            ownMission,
            headOfMissionId,
            'agrement-request',
            { requestedOn: '2025-03-01' },
            { ...AS.staff, 'If-Match': '"9"' },
          ),
        ),
        412,
        '/problems/stale-revision',
      );
    });

    it('answers a retried nomination with the same nominee and records nothing new', async () => {
      const missionId = await planMission(server(), 'Retry City');
      const headers = { ...AS.staff, 'Idempotency-Key': 'nominate-lee-retry-city' };
      const first = await nominate(server(), missionId, LEE, headers).expect(201);
      const again = await refused(subject, () => nominate(server(), missionId, LEE, headers));
      expect(again.status).toBe(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(first.body);
      const other = await nominate(server(), missionId, { ...LEE, name: 'Other' }, headers);
      expectProblem(other, 422, '/problems/idempotency-key-reused');
    });

    it('accepts nothing more on a closed mission, except the end of the head’s functions', async () => {
      const missionId = await planMission(server(), 'Closing City');
      const headOfMissionId = await headUpTo(server(), missionId, 'credentials');
      const close = (on: string) => closeMission(missionId, on);
      // Not before the head presented credentials (2025-02-25): the mission was open then.
      const early = await refused(subject, () => close('2025-02-24'));
      expectProblem(early, 422, '/problems/date-before-latest-milestone');
      expect(early.body.detail).toMatch(/2025-02-25/);
      await close('2025-04-01').expect(201);
      const closed = await readMission(subject, missionId);
      expect(closed.body).toMatchObject({ status: 'closed', headOfMission: null });
      expect(closed.body.headsOfMission[0]).toMatchObject({ headOfMissionId });
      expectProblem(
        await refused(subject, () =>
          step(server(), missionId, headOfMissionId, 'copy-of-credentials', {
            presentedOn: '2025-02-20',
          }),
        ),
        409,
        '/problems/mission-closed',
      );
      expectProblem(
        await refused(subject, () => nominate(server(), missionId)),
        409,
        '/problems/mission-closed',
      );
      await step(server(), missionId, headOfMissionId, 'end-of-functions', {
        endedOn: '2025-04-01',
        reason: 'recalled',
        note: 'relations severed',
      }).expect(201);
    });
  });

  describe('a closure dated against the heads-of-mission record', () => {
    it('is refused before a chargé d’affaires or a nominee of the mission was on record', async () => {
      const missionId = await planMission(server(), 'Record City');
      await request(server())
        .post(`/api/missions/${missionId}/charge-d-affaires`)
        .set(AS.staff)
        .send({ name: 'Chargé', title: 'Counsellor', designatedOn: '2024-08-01' })
        .expect(201);
      await nominate(server(), missionId, { ...LEE, nominatedOn: '2024-09-01' }).expect(201);
      const close = (on: string) => closeMission(missionId, on);
      const early = await refused(subject, () => close('2024-08-15'));
      expectProblem(early, 422, '/problems/date-before-latest-milestone');
      expect(early.body.detail).toMatch(/2024-09-01/);
      await close('2024-09-01').expect(201);
    });
  });

  describe('replay', () => {
    it('rebuilds the same heads of mission from the log', async () => {
      const missionId = await planMission(server(), 'Replay City');
      await request(server())
        .post(`/api/missions/${missionId}/charge-d-affaires`)
        .set(AS.staff)
        .send({ name: 'Kim Chargé', title: 'Counsellor', designatedOn: '2025-01-17' })
        .expect(201);
      const refusedHead = await headUpTo(server(), missionId, 'agrement-request');
      await step(server(), missionId, refusedHead, 'agrement-refusal', {
        refusedOn: '2024-12-10',
        reason: 'not acceptable',
      }).expect(201);
      await headUpTo(server(), missionId, 'credentials', SUCCESSOR, SUCCESSOR_TRACK);
      const before = await readMission(subject, missionId);

      const projections = subject.app.get(ProjectionsService);
      projections.rebuild('mission-status');
      await projections.rebuilt('mission-status');

      const after = await readMission(subject, missionId);
      expect(after.body).toEqual(before.body);
      expect(after.body.headsOfMission.map((h: { stage: string }) => h.stage)).toEqual([
        'agrement-refused',
        'credentials-presented',
      ]);
    });
  });

  describe('a nomination interrupted between its two writes', () => {
    it('is completed from the register by the next command, and still holds the mission', async () => {
      const missionId = await planMission(server(), 'Interrupted City');
      const headOfMissionId = crypto.randomUUID();
      const context: CommandContext = {
        actor: { name: 'test-staff', role: 'staff' },
        correlationId: 'interrupted-nomination',
        causationId: 'request:interrupted',
        now: new Date(),
      };
      // Only the register's half, as if the service had stopped before the track's.
      const metadata = await subject.app
        .get(HeadOfMissionContextLoader)
        .load(missionId, new Date());
      await subject.app.get(CommandBus).execute(
        new ExecuteMissionHeadsCommand(
          missionId,
          {
            type: 'RegisterNominee',
            data: { headOfMissionId, ...LEE },
            metadata,
          },
          context,
        ),
      );
      expect(await eventsOf(subject, `head-of-mission-${headOfMissionId}`)).toEqual([]);
      const halfWritten = await request(server())
        .get(`/api/missions/${missionId}/head-of-mission/${headOfMissionId}`)
        .query({ minPosition: (await readMission(subject, missionId)).body.position })
        .set(AS.viewer)
        .expect(200);
      expect(halfWritten.headers.etag).toBe('"0"');

      const second = await nominate(server(), missionId, { ...LEE, name: 'Second' });
      expectProblem(second, 409, '/problems/head-of-mission-already-nominated');

      const track = await eventsOf(subject, `head-of-mission-${headOfMissionId}`);
      expect(track.map((e) => e.type)).toEqual(['HeadOfMissionNominated']);
      expect(track[0].data).toMatchObject({ missionId, headOfMissionId, name: 'Lee Ho-yul' });
      expect(track[0].metadata).toMatchObject({
        actor: 'test-staff',
        correlationId: 'interrupted-nomination',
        command: 'NominateHeadOfMission',
      });
      await step(server(), missionId, headOfMissionId, 'agrement-request', {
        requestedOn: '2024-12-02',
      })
        .set('If-Match', halfWritten.headers.etag)
        .expect(201);
      const mission = await readMission(subject, missionId);
      expect(mission.body.headOfMission).toMatchObject({
        headOfMissionId,
        stage: 'agrement-requested',
        revision: 1,
      });
    });
  });
});
