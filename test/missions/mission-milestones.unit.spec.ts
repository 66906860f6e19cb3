import type { RecordedEvent } from '../../src/event-store/event-store.port.js';
import { sequenceToPosition } from '../../src/event-store/sqlite/sequence-position.js';
import {
  milestoneJson,
  milestonesWritten,
  timelineJson,
} from '../../src/missions/read-models/mission-status/mission-milestones.js';
import { upcastRecorded } from '../../src/event-store/event-schema/upcast.js';

const data = {
  missionId: 'kr-cu-havana',
  diplomatId: 'd1',
  name: 'Kim "Min-jun"',
  title: 'Counsellor',
  role: 'head-of-office',
  occurredOn: '2024-06-10',
};

const dispatched: RecordedEvent = {
  id: 'e1',
  type: 'DiplomatDispatched',
  stream: 'mission-kr-cu-havana',
  revision: 1,
  position: sequenceToPosition(2),
  data,
  metadata: { recordedAt: '2024-06-11T09:00:00.000Z', actor: 'desk-officer' },
  recordedAt: '2024-06-11T09:00:01.000Z',
};

const view = {
  type: 'DiplomatDispatched',
  occurredOn: '2024-06-10',
  recordedAt: '2024-06-11T09:00:00.000Z',
  recordedBy: 'desk-officer',
  revision: 1,
  position: sequenceToPosition(2),
  data,
};

describe('The timeline a mission-status row keeps', () => {
  it('given an event read as objects, when written and read back, then it is the milestone', () => {
    expect(milestonesWritten(timelineJson([milestoneJson(dispatched)]))).toEqual([view]);
  });

  it('given the store kept the data as text, then that text is written as it is', () => {
    const stored = { ...dispatched, dataJson: JSON.stringify(data) };
    expect(milestoneJson(stored)).toBe(milestoneJson(dispatched));
    expect(milestonesWritten(timelineJson([milestoneJson(stored)]))).toEqual([view]);
  });

  it('given no author in the metadata, then the milestone says recordedBy null and the commit time', () => {
    const anonymous = { ...dispatched, metadata: {} };
    expect(milestonesWritten(timelineJson([milestoneJson(anonymous)]))).toEqual([
      { ...view, recordedBy: null, recordedAt: '2024-06-11T09:00:01.000Z' },
    ]);
  });

  it('given an old event upcast on read, then the upcast data is written, not the stored text', () => {
    const stored: RecordedEvent = {
      ...dispatched,
      dataJson: JSON.stringify(data),
      metadata: { ...dispatched.metadata, schemaVersion: 1 },
    };
    const [milestone] = milestonesWritten(timelineJson([milestoneJson(upcastRecorded(stored))]));
    expect(milestone.data).toHaveProperty('rank');
  });

  it('given several milestones of one batch, then they read back in order', () => {
    const arrived = {
      ...dispatched,
      type: 'DiplomatArrived',
      revision: 2,
      position: sequenceToPosition(3),
    };
    const row = timelineJson([milestoneJson(dispatched), milestoneJson(arrived)]);
    expect(milestonesWritten(row).map((m) => m.revision)).toEqual([1, 2]);
  });
});
