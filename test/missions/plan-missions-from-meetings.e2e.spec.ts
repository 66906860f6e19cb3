import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { CommandBus } from '@nestjs/cqrs';
import { ExecuteMeetingCommand } from '../../src/meetings/commands/execute-meeting-command.js';
import { toRecordMeeting } from '../../src/meetings/commands/record-meeting/record-meeting.mapping.js';
import type { RecordMeetingRequest } from '../../src/meetings/commands/record-meeting/record-meeting.request.js';
import { join } from 'node:path';
import request from 'supertest';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port.js';
import { PlanMissionsFromMeetings } from '../../src/missions/meeting-outcomes/plan-missions-from-meetings.js';
import { listen, slowAppends } from '../support/http-api.js';
import { ROK_CUBA_MEETING } from '../support/rok-cuba.js';
import { startTestApp, TOKENS } from '../support/test-app.js';

const staff = { Authorization: `Bearer ${TOKENS.staff}` };

async function missionEvents(
  store: EventStore,
): Promise<{ stream: string; type: string; causationId: unknown }[]> {
  const events = [];
  for await (const e of store.readAll({ filter: { streamPrefixes: ['mission-'] } })) {
    events.push({ stream: e.stream, type: e.type, causationId: e.metadata.causationId });
  }
  return events;
}

/** Deletes a node-local SQLite file of DATA_DIR (with its WAL), as a restore would leave it. */
function forgetFile(dataDir: string, name: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(join(dataDir, name + suffix), { force: true });
}

/** A Spain–Andorra meeting agreeing one mission in `city`, with these targets. */
function bilateral(title: string, heldOn: string, city: string, targets: object) {
  return {
    title,
    heldOn,
    parties: ['ES', 'AD'],
    outcomes: [
      {
        kind: 'establish-missions',
        summary: 'Open a mission',
        missions: [{ sendingState: 'ES', receivingState: 'AD', city, targets }],
      },
    ],
  };
}

describe('Planning missions from meeting outcomes', () => {
  it('plans each mission once, caused by the meeting event, even when the meetings are replayed', async () => {
    let subject = await startTestApp();
    const { dataDir } = subject;
    const meeting = await request(subject.server)
      .post('/api/meetings')
      .set(staff)
      .send(ROK_CUBA_MEETING)
      .expect(201);
    await subject.app.get(PlanMissionsFromMeetings).whenCaughtUp(meeting.body.position);
    const store = subject.app.get<EventStore>(EVENT_STORE);
    const [recorded] = await (async () => {
      const found = [];
      for await (const e of store.readStream(`meeting-${meeting.body.meetingId}`)) found.push(e);
      return found;
    })();
    const planned = await missionEvents(store);
    expect(planned).toEqual([
      { stream: 'mission-kr-cu-havana', type: 'MissionPlanned', causationId: recorded.id },
      { stream: 'mission-cu-kr-seoul', type: 'MissionPlanned', causationId: recorded.id },
    ]);
    await subject.stop();

    // Forget the checkpoint: on restart the process manager replays every meeting.
    forgetFile(dataDir, 'checkpoints.sqlite');
    subject = await startTestApp({}, dataDir);
    const head = await subject.app.get<EventStore>(EVENT_STORE).headPosition();
    await subject.app.get(PlanMissionsFromMeetings).whenCaughtUp(head);
    expect(await missionEvents(subject.app.get<EventStore>(EVENT_STORE))).toEqual(planned);
    await subject.dispose();
  });

  it('answers two meetings recorded at once with the mission each could really plan', async () => {
    const subject = await startTestApp();
    try {
      await listen(subject.server);
      // Appends take a while, so both meetings are recorded before either is planned from.
      const restore = slowAppends(subject, 20);
      const meeting = (heldOn: string, targets: object) =>
        request(subject.server)
          .post('/api/meetings')
          .set(staff)
          .send({
            title: `Spain–Andorra talks of ${heldOn}`,
            heldOn,
            parties: ['ES', 'AD'],
            outcomes: [
              {
                kind: 'establish-missions',
                summary: 'Open a mission',
                missions: [{ sendingState: 'ES', receivingState: 'AD', city: 'Escaldes', targets }],
              },
            ],
          });
      const answers = await Promise.all([
        meeting('2025-01-01', { temporaryOfficeBy: '2030-06-01' }),
        meeting('2025-02-01', { embassyBy: '2030-01-01' }),
      ]).finally(restore);
      expect(answers.map((a) => a.status)).toEqual([201, 201]);
      const mission = await request(subject.server)
        .get('/api/missions/es-ad-escaldes')
        .query({ minPosition: answers[1].body.position })
        .set(staff)
        .expect(200);
      // The targets of the two cannot both be in force: one meeting planned the mission, the
      // other's answer says it could not, and why.
      const planned = mission.body.sources.map((s: { meetingId: string }) => s.meetingId);
      expect(planned).toHaveLength(1);
      for (const answer of answers) {
        const linked = planned.includes(answer.body.meetingId);
        expect(answer.body.missionsNotPlanned).toEqual(
          linked
            ? []
            : [
                expect.objectContaining({
                  missionId: 'es-ad-escaldes',
                  rule: 'targets-out-of-order',
                }),
              ],
        );
      }
    } finally {
      await subject.dispose();
    }
  });

  it('records what a meeting could not plan, so handling it again (a lost checkpoint, a restore) decides it no more', async () => {
    let subject = await startTestApp();
    const { dataDir } = subject;
    const meeting = (title: string, heldOn: string, targets: object) =>
      request(subject.server)
        .post('/api/meetings')
        .set({ ...staff, 'Idempotency-Key': `meeting-${title}` })
        .send({
          title,
          heldOn,
          parties: ['KR', 'CU'],
          outcomes: [
            {
              kind: 'establish-missions',
              summary: 'Open a mission',
              missions: [{ sendingState: 'KR', receivingState: 'CU', city: 'Cienfuegos', targets }],
            },
          ],
        });
    await meeting('A', '2024-02-01', { temporaryOfficeBy: '2024-06-30' }).expect(201);
    const refused = await meeting('B', '2024-03-01', { embassyBy: '2024-05-01' }).expect(201);
    const firstAnswer = refused.body.missionsNotPlanned;
    expect(firstAnswer).toEqual([
      expect.objectContaining({
        missionId: 'kr-cu-cienfuegos',
        path: 'outcomes[0].missions[0]',
        rule: 'targets-out-of-order',
      }),
    ]);
    // Closed before meeting B was held: handled now, B would re-establish the mission.
    await request(subject.server)
      .post('/api/missions/kr-cu-cienfuegos/closure')
      .set(staff)
      .send({ on: '2024-02-15', reason: 'Relations severed' })
      .expect(201);
    const before = await missionEvents(subject.app.get<EventStore>(EVENT_STORE));
    await subject.stop();

    forgetFile(dataDir, 'checkpoints.sqlite');
    forgetFile(dataDir, 'idempotency.sqlite');
    subject = await startTestApp({}, dataDir);
    try {
      const head = await subject.app.get<EventStore>(EVENT_STORE).headPosition();
      await subject.app.get(PlanMissionsFromMeetings).whenCaughtUp(head);
      expect(await missionEvents(subject.app.get<EventStore>(EVENT_STORE))).toEqual(before);
      // The retry finds the meeting by its key and is told what the first answer said.
      const retried = await meeting('B', '2024-03-01', { embassyBy: '2024-05-01' }).expect(201);
      expect(retried.body.meetingId).toBe(refused.body.meetingId);
      expect(retried.body.missionsNotPlanned).toEqual(firstAnswer);
      // The meeting's view says why, beside the mission it could not plan.
      const view = await request(subject.server)
        .get(`/api/meetings/${refused.body.meetingId}`)
        .query({ minPosition: retried.body.position })
        .set(staff)
        .expect(200);
      expect(view.body.outcomes[0].missions[0]).toMatchObject({
        missionId: 'kr-cu-cienfuegos',
        status: 'not-planned',
        refusal: { rule: 'targets-out-of-order', detail: firstAnswer[0].detail },
      });
      expect(view.body).not.toHaveProperty('notPlanned');
      // Recorded (0), then the refusal (1): the ETag follows the meeting's stream.
      expect(view.body.revision).toBe(1);
      expect(view.headers.etag).toBe('"1"');
    } finally {
      await subject.dispose();
    }
  });

  it('judges a meeting on the mission as the meeting found it, however late the planner gets to it', async () => {
    let subject = await startTestApp();
    const { dataDir } = subject;
    await request(subject.server)
      .post('/api/meetings')
      .set(staff)
      .send(
        bilateral('Spain–Andorra talks of 2024-02-01', '2024-02-01', 'Sant Julia', {
          temporaryOfficeBy: '2024-06-30',
        }),
      )
      .expect(201);
    // The planner stops before the next meeting: it will handle it only after the restart.
    const head = await subject.app.get<EventStore>(EVENT_STORE).headPosition();
    await subject.app.get(PlanMissionsFromMeetings).whenCaughtUp(head);
    await subject.app.get(PlanMissionsFromMeetings).onModuleDestroy();
    const late = randomUUID();
    const meetingB = bilateral('Spain–Andorra talks of 2024-03-01', '2024-03-01', 'Sant Julia', {
      embassyBy: '2024-05-01',
    });
    await subject.app.get(CommandBus).execute(
      new ExecuteMeetingCommand(
        late,
        toRecordMeeting(late, meetingB as unknown as RecordMeetingRequest, '2026-01-01'),
        {
          actor: { name: 'test-staff', role: 'staff' },
          correlationId: 'late-meeting',
          causationId: 'request:late-meeting',
          now: new Date(),
        },
      ),
    );
    // Then the mission is closed, on a date before meeting B was held.
    await request(subject.server)
      .post('/api/missions/es-ad-sant-julia/closure')
      .set(staff)
      .send({ on: '2024-02-15', reason: 'Relations suspended' })
      .expect(201);
    await subject.stop();

    subject = await startTestApp({}, dataDir);
    try {
      const now = await subject.app.get<EventStore>(EVENT_STORE).headPosition();
      await subject.app.get(PlanMissionsFromMeetings).whenCaughtUp(now);
      // Found out of order with the targets in force then: not a re-establishment now.
      const types = (await missionEvents(subject.app.get<EventStore>(EVENT_STORE)))
        .filter((e) => e.stream === 'mission-es-ad-sant-julia')
        .map((e) => e.type);
      expect(types).toEqual(['MissionPlanned', 'MissionClosed']);
      const view = await request(subject.server)
        .get(`/api/meetings/${late}`)
        .set(staff)
        .expect(200);
      expect(view.body.outcomes[0].missions[0]).toMatchObject({
        status: 'not-planned',
        refusal: { rule: 'targets-out-of-order' },
      });
    } finally {
      await subject.dispose();
    }
  });

  it('names missions in cities written in any script in ASCII, and serves them at that id', async () => {
    const subject = await startTestApp();
    const meeting = await request(subject.server)
      .post('/api/meetings')
      .set(staff)
      .send({
        title: 'Consultations',
        heldOn: '2024-03-01',
        parties: ['RU', 'KR'],
        participants: [],
        outcomes: [
          {
            kind: 'establish-missions',
            summary: 'Missions in both capitals',
            missions: [
              { sendingState: 'KR', receivingState: 'RU', city: 'Москва' },
              { sendingState: 'RU', receivingState: 'KR', city: '서울' },
            ],
          },
        ],
      })
      .expect(201);
    expect(meeting.body.missionIds).toEqual(['kr-ru-moskva', 'ru-kr-seoul']);

    const planned = await request(subject.server)
      .post('/api/missions')
      .set(staff)
      .send({ sendingState: 'PL', receivingState: 'GR', city: 'Αθήνα' })
      .expect(201);
    expect(planned.headers.location).toBe('/api/missions/pl-gr-athina');
    const mission = await request(subject.server)
      .get(`/api/missions/pl-gr-athina?minPosition=${planned.body.position}`)
      .set(staff)
      .expect(200);
    expect(mission.body).toMatchObject({ id: 'pl-gr-athina', city: 'Αθήνα', status: 'planned' });

    const tooLong = await request(subject.server)
      .post('/api/missions')
      .set(staff)
      .send({ sendingState: 'PL', receivingState: 'CN', city: '東'.repeat(100) })
      .expect(400);
    expect(tooLong.body).toMatchObject({
      type: '/problems/validation-failed',
      errors: [{ path: 'city', rule: 'invalid-city' }],
    });
    expect(tooLong.body.errors[0].message).toMatch(/too long to name a mission/);
    await subject.dispose();
  });
});
