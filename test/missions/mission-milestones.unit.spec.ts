import type { RecordedEvent } from '../../src/event-store/event-store.port.js';
import { encodePosition } from '../../src/event-store/position.js';
import {
  milestoneJson,
  milestonesWritten,
} from '../../src/missions/read-models/mission-status/mission-milestones.js';

const dispatched: RecordedEvent = {
  id: 'e-2',
  type: 'DiplomatDispatched',
  stream: 'mission-kr-cu-havana',
  revision: 1,
  position: encodePosition(7n, 7n),
  recordedAt: '2024-06-11T09:00:00.000Z',
  data: { missionId: 'kr-cu-havana', name: 'Kim "Min" Jun', occurredOn: '2024-06-10' },
  metadata: { actor: 'desk-officer', recordedAt: '2024-06-11T08:59:59.000Z' },
};

describe('Mission timeline milestones', () => {
  it('given an event, then its milestone reads back as the view: type, dates, actor, data', () => {
    expect(milestonesWritten(`[${milestoneJson(dispatched)}]`)).toEqual([
      {
        type: 'DiplomatDispatched',
        occurredOn: '2024-06-10',
        recordedAt: '2024-06-11T08:59:59.000Z',
        recordedBy: 'desk-officer',
        revision: 1,
        position: dispatched.position,
        data: dispatched.data,
      },
    ]);
  });

  it('given the store handed over the data as text, then that text is written as it is', () => {
    const dataJson =
      '{ "missionId": "kr-cu-havana", "name": "Kim \\"Min\\" Jun", "occurredOn": "2024-06-10" }';
    const json = milestoneJson({ ...dispatched, dataJson });
    expect(json.endsWith(`,${dataJson}]`)).toBe(true);
    expect(milestonesWritten(`[${json}]`)).toEqual(
      milestonesWritten(`[${milestoneJson(dispatched)}]`),
    );
  });

  it('given metadata without actor or recording time, then the store’s commit time stands in', () => {
    const [view] = milestonesWritten(`[${milestoneJson({ ...dispatched, metadata: {} })}]`);
    expect(view.recordedAt).toBe(dispatched.recordedAt);
    expect(view.recordedBy).toBeNull();
  });
});
