import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { PlanMissionsFromMeetings } from '../../src/missions/meeting-outcomes/plan-missions-from-meetings.js';
import { ROK_CUBA_MEETING } from '../support/rok-cuba.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { AS, DIPLOMAT, eventsOf, eventsOfType, listen, planMission } from '../support/http-api.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * X-Correlation-Id ties a request to everything it caused: it is echoed in the response
 * (a fresh one when absent) and recorded, with who asked and why, in every event's metadata.
 */
describe('X-Correlation-Id and event metadata', () => {
  let subject: TestApp;

  beforeAll(async () => {
    subject = await startTestApp();
  });
  afterAll(() => subject.dispose());

  it('echoes the caller’s id and records it with actor, role, causation, command and key', async () => {
    const missionId = await planMission(subject.server, 'Traced City');
    const response = await request(subject.server)
      .post(`/api/missions/${missionId}/diplomats`)
      .set(AS.staff)
      .set('X-Correlation-Id', 'journey-42')
      .set('Idempotency-Key', 'traced-dispatch')
      .send(DIPLOMAT)
      .expect(201);
    expect(response.headers['x-correlation-id']).toBe('journey-42');

    const [event] = (await eventsOf(subject, `mission-${missionId}`)).filter(
      (e) => e.type === 'DiplomatDispatched',
    );
    expect(event.metadata).toMatchObject({
      correlationId: 'journey-42',
      actor: 'test-staff',
      actorRole: 'staff',
      causationId: expect.stringMatching(/^request:/),
      command: 'DispatchDiplomat',
      idempotencyKey: 'traced-dispatch',
      recordedAt: expect.any(String),
    });
  });

  it('generates an id when none is sent, echoes it and records it', async () => {
    const response = await request(subject.server)
      .post('/api/missions')
      .set(AS.admin)
      .send({
        sendingState: 'KR',
        receivingState: 'CU',
        city: 'Untraced City',
        agreedOn: '2024-06-12',
      })
      .expect(201);
    const id = response.headers['x-correlation-id'];
    expect(id).toMatch(UUID);
    const [planned] = await eventsOf(subject, `mission-${response.body.missionId}`);
    expect(planned.metadata).toMatchObject({
      correlationId: id,
      actor: 'test-admin',
      actorRole: 'admin',
      command: 'PlanMission',
    });
    expect(planned.metadata).not.toHaveProperty('idempotencyKey');
  });

  it('gives every request its own causation id', async () => {
    const missionId = await planMission(subject.server, 'Two Requests City');
    for (const name of ['First', 'Second']) {
      await request(subject.server)
        .post(`/api/missions/${missionId}/diplomats`)
        .set(AS.staff)
        .set('X-Correlation-Id', 'same-journey')
        .send({ ...DIPLOMAT, name })
        .expect(201);
    }
    const events = (await eventsOf(subject, `mission-${missionId}`)).filter(
      (e) => e.type === 'DiplomatDispatched',
    );
    expect(events.map((e) => e.metadata.correlationId)).toEqual(['same-journey', 'same-journey']);
    expect(events[0].metadata.causationId).not.toBe(events[1].metadata.causationId);
  });

  it.each([
    ['with spaces', 'not a token'],
    ['too long', 'c'.repeat(129)],
  ])('replaces an id %s with a fresh one', async (_label, sent) => {
    const response = await request(subject.server)
      .get('/health')
      .set('X-Correlation-Id', sent)
      .expect(200);
    expect(response.headers['x-correlation-id']).toMatch(UUID);
  });

  it('echoes the id on refusals too', async () => {
    const unauthenticated = await request(subject.server)
      .post('/api/missions')
      .set('X-Correlation-Id', 'refused-1')
      .send({});
    expect(unauthenticated.status).toBe(401);
    expect(unauthenticated.headers['x-correlation-id']).toBe('refused-1');

    const invalid = await request(subject.server)
      .post('/api/missions')
      .set(AS.staff)
      .set('X-Correlation-Id', 'refused-2')
      .send({ sendingState: 'XX' });
    expect(invalid.status).toBe(400);
    expect(invalid.headers['x-correlation-id']).toBe('refused-2');

    const malformed = await request(subject.server)
      .post('/api/missions')
      .set(AS.staff)
      .set('X-Correlation-Id', 'refused-3')
      .set('Content-Type', 'application/json')
      .send('{');
    expect(malformed.status).toBe(400);
    expect(malformed.headers['x-correlation-id']).toBe('refused-3');
  });

  it('sends the id once on a live feed, as on every other answer', async () => {
    await listen(subject.server);
    const { port } = subject.server.address() as AddressInfo;
    const rawHeaders = await new Promise<string[]>((resolve, reject) => {
      const feed = httpRequest(
        {
          host: '127.0.0.1',
          port,
          path: '/api/live/missions',
          headers: { ...AS.viewer, 'X-Correlation-Id': 'feed-1' },
        },
        (response) => {
          resolve(response.rawHeaders);
          feed.destroy();
        },
      );
      feed.on('error', reject);
      feed.end();
    });
    const ids = rawHeaders.filter(
      (_value, i) => rawHeaders[i - 1]?.toLowerCase() === 'x-correlation-id',
    );
    expect(ids).toEqual(['feed-1']);
  });

  it('carries the meeting’s correlation id to the missions the process manager plans from it', async () => {
    const meeting = await request(subject.server)
      .post('/api/meetings')
      .set(AS.staff)
      .set('X-Correlation-Id', 'meeting-journey')
      .send(ROK_CUBA_MEETING)
      .expect(201);
    expect(meeting.headers['x-correlation-id']).toBe('meeting-journey');
    await subject.app.get(PlanMissionsFromMeetings).whenCaughtUp(meeting.body.position);

    const [recorded] = (await eventsOfType(subject, 'MeetingRecorded')).filter(
      (e) => e.data.meetingId === meeting.body.meetingId,
    );
    expect(recorded.metadata).toMatchObject({
      correlationId: 'meeting-journey',
      actor: 'test-staff',
      actorRole: 'staff',
      command: 'RecordMeeting',
    });
    const [planned] = await eventsOf(subject, 'mission-kr-cu-havana');
    expect(planned.type).toBe('MissionPlanned');
    expect(planned.metadata).toMatchObject({
      correlationId: 'meeting-journey',
      causationId: recorded.id,
      command: 'PlanMission',
      actorRole: 'system',
    });
  });
});
