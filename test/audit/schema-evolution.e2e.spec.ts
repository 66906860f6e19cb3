import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { chainLink } from '../../src/audit/hash-chain.js';
import { AS, eventsOf, planMission, readMission, storeOf } from '../support/http-api.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * A store holding both versions of DiplomatDispatched: one written before `rank` existed
 * (schema version 1, appended here as the old service wrote it), one written today (v2).
 */
describe('Schema evolution: DiplomatDispatched v1 and v2 in one stream', () => {
  let subject: TestApp;
  let missionId: string;
  const oldDiplomat = randomUUID();

  beforeAll(async () => {
    subject = await startTestApp();
    missionId = await planMission(subject.server, 'Cienfuegos');
    const stream = `mission-${missionId}`;
    const [planned] = await eventsOf(subject, stream);
    const data = {
      missionId,
      diplomatId: oldDiplomat,
      name: 'Mario Alzugaray Rodríguez',
      title: 'First Secretary',
      role: 'head-of-office',
      dispatchedOn: '2024-06-13',
      expectedArrivalOn: null,
      occurredOn: '2024-06-13',
    };
    const metadata = chainLink(
      {
        stream,
        revision: 1,
        type: 'DiplomatDispatched',
        data,
        metadata: {
          recordedAt: '2024-06-13T09:00:00.000Z',
          actor: 'test-staff',
          actorRole: 'staff',
          correlationId: randomUUID(),
          causationId: `request:${randomUUID()}`,
          command: 'DispatchDiplomat',
          schemaVersion: 1,
        },
      },
      planned.metadata.hash as string,
    );
    await storeOf(subject).append(
      stream,
      [{ id: randomUUID(), type: 'DiplomatDispatched', data, metadata }],
      0,
    );
    await request(subject.server)
      .post(`/api/missions/${missionId}/diplomats/${oldDiplomat}/arrival`)
      .set(AS.staff)
      .send({ arrivedOn: '2024-06-15' })
      .expect(201);
    await request(subject.server)
      .post(`/api/missions/${missionId}/diplomats`)
      .set(AS.staff)
      .send({
        name: 'Korean diplomat',
        title: 'Deputy Head of Mission',
        role: 'staff',
        rank: 'minister-counsellor',
        dispatchedOn: '2024-06-16',
      })
      .expect(201);
  });
  afterAll(() => subject.dispose());

  it('writes today’s events at version 2 and never rewrites the stored v1 event', async () => {
    const stored = await eventsOf(subject, `mission-${missionId}`);
    expect(stored.map((e) => [e.type, e.metadata.schemaVersion])).toEqual([
      ['MissionPlanned', 1],
      ['DiplomatDispatched', 1],
      ['DiplomatArrived', 1],
      ['DiplomatDispatched', 2],
    ]);
    expect(stored[1].data).not.toHaveProperty('rank');
    expect(stored[3].data.rank).toEqual({ grade: 'minister-counsellor', inferredFromTitle: false });
  });

  it('lets the domain fold the v1 event: the old diplomat could arrive', async () => {
    const stored = await eventsOf(subject, `mission-${missionId}`);
    expect(stored[2].data).toMatchObject({ diplomatId: oldDiplomat, arrivedOn: '2024-06-15' });
  });

  it('shows history at version 2, saying what was stored', async () => {
    const response = await request(subject.server)
      .get(`/api/missions/${missionId}/history`)
      .set(AS.auditor)
      .expect(200);
    const [, old, , current] = response.body.events;
    expect(old).toMatchObject({
      storedSchemaVersion: 1,
      schemaVersion: 2,
      data: { rank: { grade: 'first-secretary', inferredFromTitle: true } },
      metadata: { schemaVersion: 1 },
    });
    expect(current).toMatchObject({ storedSchemaVersion: 2, schemaVersion: 2 });
  });

  it('feeds projections version 2', async () => {
    const mission = await readMission(subject, missionId);
    const dispatches = mission.body.milestones.filter(
      (m: { type: string }) => m.type === 'DiplomatDispatched',
    );
    expect(dispatches.map((m: { data: { rank: unknown } }) => m.data.rank)).toEqual([
      { grade: 'first-secretary', inferredFromTitle: true },
      { grade: 'minister-counsellor', inferredFromTitle: false },
    ]);
    expect(mission.body.diplomats).toHaveLength(2);
  });

  it('replays with both ranks', async () => {
    const response = await request(subject.server)
      .get(`/api/missions/${missionId}/replay`)
      .query({ revision: 3 })
      .set(AS.auditor)
      .expect(200);
    expect(response.body.mission.diplomats.map((d: { rank: unknown }) => d.rank)).toEqual([
      { grade: 'first-secretary', inferredFromTitle: true },
      { grade: 'minister-counsellor', inferredFromTitle: false },
    ]);
  });

  it('verifies both, each hash taken over the stored form, and exports the stored form', async () => {
    const verified = await request(subject.server)
      .get('/api/audit/verify')
      .query({ stream: `mission-${missionId}` })
      .set(AS.auditor)
      .expect(200);
    expect(verified.body).toMatchObject({ ok: true, eventsChecked: 4 });
    const exported = await request(subject.server)
      .get('/api/events/export')
      .set(AS.auditor)
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => done(null, text));
      })
      .expect(200);
    const lines = (exported.body as string)
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line))
      .filter((e) => e.stream === `mission-${missionId}` && e.type === 'DiplomatDispatched');
    expect(lines[0].data).not.toHaveProperty('rank');
    expect(lines[0].metadata.schemaVersion).toBe(1);
    expect(lines[1].data.rank.grade).toBe('minister-counsellor');
  });
});
