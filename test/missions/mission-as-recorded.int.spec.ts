import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore } from '../../src/event-store/event-store.port.js';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store.js';
import type { JsonObject } from '../../src/shared/json.js';
import { missionAsRecordedBefore } from '../../src/missions/meeting-outcomes/mission-as-recorded.js';
import { missionId, planned } from './mission.fixtures.js';

/** A meeting's MeetingRecorded (only its position matters here); its position. */
async function meetingRecorded(store: EventStore, meetingId: string) {
  const result = await store.append(
    `meeting-${meetingId}`,
    [{ id: randomUUID(), type: 'MeetingRecorded', data: { meetingId }, metadata: {} }],
    'no-stream',
  );
  return result.position;
}

describe('The mission as a meeting found it', () => {
  let dir: string;
  let store: SqliteEventStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'envoy-as-found-'));
    store = new SqliteEventStore({ file: join(dir, 'events.sqlite'), durability: 'relaxed' });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const planFrom = (meetingId: string, actorRole: string) => ({
    id: randomUUID(),
    type: planned.type,
    data: { ...planned.data, source: { meetingId, outcomeId: 'missions' } } as JsonObject,
    metadata: { actor: 'someone', actorRole } as JsonObject,
  });

  it('holds its events before the meeting, and what the planner wrote from meetings logged before it', async () => {
    const first = await meetingRecorded(store, 'first');
    const second = await meetingRecorded(store, 'second');
    // The planner gets to the first meeting after the second was logged.
    await store.append(`mission-${missionId}`, [planFrom('first', 'system')], 'no-stream');

    expect((await missionAsRecordedBefore(store, missionId, second)).status).toBe('planned');
    expect((await missionAsRecordedBefore(store, missionId, first)).status).toBe('unplanned');
  });

  it('leaves out what a person recorded after the meeting, whatever it cites', async () => {
    await meetingRecorded(store, 'first');
    const second = await meetingRecorded(store, 'second');
    await store.append(`mission-${missionId}`, [planFrom('first', 'staff')], 'no-stream');

    expect((await missionAsRecordedBefore(store, missionId, second)).status).toBe('unplanned');
  });

  it('finds nothing of a mission never planned', async () => {
    const position = await meetingRecorded(store, 'only');
    expect((await missionAsRecordedBefore(store, missionId, position)).status).toBe('unplanned');
  });
});
