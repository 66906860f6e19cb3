import type { MissionEvent } from '../../src/missions/domain/mission.events.js';
import { diplomatsOf } from '../../src/missions/read-models/mission-status/mission-diplomats.js';
import {
  evolveMissionStatus,
  NOTHING_RECORDED,
  touchMissionStatus,
  type MissionStatusRecord,
} from '../../src/missions/read-models/mission-status/mission-status-row.evolve.js';
import {
  arrived,
  closed,
  dispatched,
  embassyOpened,
  havanaMeeting,
  missionId,
  planned,
  reestablished,
  resumed,
  suspended,
  temporaryOfficeOpened,
} from './mission.fixtures.js';

/** Folds events as the projection does, the n-th at revision n and position p<n>. */
function recordAfter(
  events: readonly MissionEvent[],
  from: MissionStatusRecord = NOTHING_RECORDED,
): MissionStatusRecord {
  return events.reduce(
    (record, event, revision) =>
      evolveMissionStatus(record, event, { revision, position: `p${revision}` }),
    from,
  );
}

/** What counting the diplomats in the timeline gives: the way the read model used to count. */
function recount(events: readonly MissionEvent[]) {
  const diplomats = diplomatsOf(events);
  return {
    dispatched: diplomats.length,
    onPost: diplomats.filter((d) => d.arrivedOn !== null).length,
  };
}

const linked: MissionEvent = {
  type: 'MissionSourceLinked',
  data: {
    missionId,
    source: havanaMeeting,
    targets: { temporaryOfficeBy: null, embassyBy: '2025-06-30' },
    plannedOn: '2024-04-27',
    agreedOn: '2024-04-27',
    occurredOn: '2024-04-27',
  },
};

describe('The mission status row', () => {
  describe('given no plan', () => {
    it('has no row, whatever happens to the mission', () => {
      expect(recordAfter([dispatched(), arrived()]).row).toBeNull();
    });
  });

  describe('when the mission is planned', () => {
    it('records its facts, with the targets of the plan, at the plan’s revision and position', () => {
      const { row } = recordAfter([planned]);
      expect(row?.facts).toMatchObject({
        id: missionId,
        sendingState: 'KR',
        receivingState: 'CU',
        city: 'Havana',
        agreedOn: '2024-06-12',
        temporaryOfficeBy: '2024-06-30',
        embassyBy: null,
      });
      expect(row?.progress).toEqual({ dispatched: 0, onPost: 0, revision: 0, position: 'p0' });
    });
  });

  describe('when diplomats are dispatched and arrive', () => {
    const history: MissionEvent[] = [
      planned,
      dispatched('diplomat-1', '2024-06-13'),
      dispatched('diplomat-2', '2024-06-14'),
      arrived('2024-06-15', 'diplomat-1'),
      dispatched('diplomat-3', '2024-06-16'),
      arrived('2024-06-17', 'diplomat-3'),
    ];

    it('counts them as recounting the timeline does, after every event', () => {
      for (let length = 1; length <= history.length; length += 1) {
        const events = history.slice(0, length);
        const { dispatched: counted, onPost } = recordAfter(events).row!.progress;
        expect({ dispatched: counted, onPost }).toEqual(recount(events));
      }
    });

    it('keeps the facts as they were (the same object): only the progress is written', () => {
      const before = recordAfter(history.slice(0, 1));
      const after = recordAfter(history.slice(1), before);
      expect(after.row?.facts).toBe(before.row?.facts);
      expect(after.row?.progress).toEqual({
        dispatched: 3,
        onPost: 2,
        revision: 4,
        position: 'p4',
      });
    });
  });

  describe('when another agreement is linked', () => {
    it('applies the targets in force by agreement date, and the earliest agreement date', () => {
      const { row } = recordAfter([planned, linked]);
      // The Havana meeting (2024-04-27) is older than the plan's: it does not override the
      // temporary-office target the 2024-06-12 meeting set, and adds the embassy target.
      expect(row?.facts).toMatchObject({
        agreedOn: '2024-04-27',
        temporaryOfficeBy: '2024-06-30',
        embassyBy: '2025-06-30',
      });
    });
  });

  describe('when premises open, operations are suspended, resumed and the mission closes', () => {
    it('records each fact, closing ends the suspension', () => {
      const open = recordAfter([
        planned,
        dispatched(),
        arrived(),
        temporaryOfficeOpened('2024-06-28', 'Miramar'),
        embassyOpened('2025-01-17', 'Calle 5ta'),
      ]).row!.facts;
      expect(open).toMatchObject({
        temporaryOfficeOpenedOn: '2024-06-28',
        temporaryOfficeAddress: 'Miramar',
        embassyOpenedOn: '2025-01-17',
        embassyAddress: 'Calle 5ta',
      });
      const history = [planned, dispatched(), arrived(), suspended('2025-03-01', 'hurricane')];
      expect(recordAfter(history).row!.facts).toMatchObject({
        suspendedOn: '2025-03-01',
        suspensionReason: 'hurricane',
      });
      expect(recordAfter([...history, resumed()]).row!.facts.suspendedOn).toBeNull();
      expect(recordAfter([...history, closed('2025-05-01', 'severed')]).row!.facts).toMatchObject({
        closedOn: '2025-05-01',
        closureReason: 'severed',
        suspendedOn: null,
        suspensionReason: null,
      });
    });
  });

  describe('when facts are recorded while operations are suspended', () => {
    const history = [planned, dispatched(), suspended('2025-03-01', 'hurricane')];

    it('records a milestone dated before the suspension, which lasts; resuming shows the facts', () => {
      const late = [...history, arrived(), temporaryOfficeOpened('2024-06-28', 'Miramar')];
      expect(recordAfter(late).row).toMatchObject({
        facts: {
          suspendedOn: '2025-03-01',
          temporaryOfficeOpenedOn: '2024-06-28',
          temporaryOfficeAddress: 'Miramar',
        },
        progress: { dispatched: 1, onPost: 1, revision: 4 },
      });
      expect(recordAfter([...late, resumed()]).row).toMatchObject({
        facts: { suspendedOn: null, temporaryOfficeOpenedOn: '2024-06-28' },
        progress: { dispatched: 1, onPost: 1 },
      });
    });

    it('applies an agreement’s targets, and the suspension lasts', () => {
      expect(recordAfter([...history, linked]).row!.facts).toMatchObject({
        suspendedOn: '2025-03-01',
        suspensionReason: 'hurricane',
        agreedOn: '2024-04-27',
        embassyBy: '2025-06-30',
      });
    });
  });

  describe('when a closed mission is re-established', () => {
    const restored = reestablished();
    const history = [
      planned,
      linked,
      dispatched(),
      arrived(),
      embassyOpened('2025-01-17', 'Calle 5ta'),
      closed('2025-05-01', 'severed'),
      restored,
    ];

    it('clears the last lifecycle: its premises, closure, diplomats and agreements', () => {
      const record = recordAfter(history);
      expect(record.row?.facts).toMatchObject({
        plannedOn: '2025-06-20',
        agreedOn: '2025-06-20',
        temporaryOfficeBy: null,
        embassyBy: '2025-12-31',
        embassyOpenedOn: null,
        embassyAddress: null,
        closedOn: null,
        closureReason: null,
        lifecycleFrom: 6,
      });
      expect(record.row?.progress).toEqual({
        dispatched: 0,
        onPost: 0,
        revision: 6,
        position: 'p6',
      });
      expect(record.agreements).toHaveLength(1);
    });

    it('counts diplomats as recounting the timeline does', () => {
      const events = [...history, dispatched('diplomat-2', '2025-06-21')];
      const { dispatched: counted, onPost } = recordAfter(events).row!.progress;
      expect({ dispatched: counted, onPost }).toEqual(recount(events));
    });

    it('is ignored while the mission is not closed, as the decider ignores it', () => {
      const open = recordAfter([planned, dispatched()]);
      expect(recordAfter([restored], open)).toBe(open);
    });
  });

  describe('when an event of its head-of-mission track is recorded', () => {
    it('moves only its position: the revision stays the mission stream’s', () => {
      const record = recordAfter([planned, dispatched()]);
      const touched = touchMissionStatus(record, 'p9');
      expect(touched.row?.progress).toEqual({
        dispatched: 1,
        onPost: 0,
        revision: 1,
        position: 'p9',
      });
      expect(touched.row?.facts).toBe(record.row?.facts);
      expect(touchMissionStatus(NOTHING_RECORDED, 'p9')).toBe(NOTHING_RECORDED);
    });
  });
});
