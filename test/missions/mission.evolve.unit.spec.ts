import { fold } from '../../src/shared/decider.js';
import type { JsonObject } from '../../src/shared/json.js';
import { missionDecider } from '../../src/missions/domain/mission.decider.js';
import { evolveMission } from '../../src/missions/domain/mission.evolve.js';
import type { MissionEvent } from '../../src/missions/domain/mission.events.js';
import type { MissionState } from '../../src/missions/domain/mission.state.js';
import {
  arrived,
  closed,
  dispatched,
  embassyOpened,
  havanaMeeting,
  missionId,
  onPost,
  planned,
  reestablished,
  resumed,
  suspended,
  temporaryOfficeOpened,
} from './mission.fixtures.js';

const stateAfter = (events: readonly MissionEvent[]): MissionState => fold(missionDecider, events);
const statusAfter = (events: readonly MissionEvent[]): MissionState['status'] =>
  stateAfter(events).status;

describe('Mission status', () => {
  it('is unplanned before anything happened', () => {
    expect(statusAfter([])).toBe('unplanned');
  });

  it('follows the furthest step the mission reached', () => {
    expect(statusAfter([planned])).toBe('planned');
    expect(statusAfter([planned, dispatched()])).toBe('opening-team-dispatched');
    expect(statusAfter(onPost)).toBe('opening-team-on-post');
    expect(statusAfter([...onPost, temporaryOfficeOpened()])).toBe('temporary-office-open');
    expect(statusAfter([...onPost, temporaryOfficeOpened(), embassyOpened()])).toBe('embassy-open');
  });

  it('stays embassy-open when a temporary office is recorded after the embassy', () => {
    expect(statusAfter([...onPost, embassyOpened(), temporaryOfficeOpened('2024-12-01')])).toBe(
      'embassy-open',
    );
  });

  it('returns, on resumption, to the status it had when suspended', () => {
    const events = [...onPost, temporaryOfficeOpened(), suspended()];
    expect(stateAfter(events)).toMatchObject({
      status: 'suspended',
      resumesAs: 'temporary-office-open',
    });
    expect(statusAfter([...events, resumed()])).toBe('temporary-office-open');
  });

  it('stays suspended when a milestone dated before the suspension is recorded during it, and resumes as its facts now give', () => {
    const events = [planned, dispatched(), suspended(), arrived()];
    expect(stateAfter(events)).toMatchObject({
      status: 'suspended',
      resumesAs: 'opening-team-on-post',
    });
    expect(statusAfter([...events, temporaryOfficeOpened()])).toBe('suspended');
    expect(statusAfter([...events, resumed()])).toBe('opening-team-on-post');
    expect(statusAfter([...events, temporaryOfficeOpened(), resumed()])).toBe(
      'temporary-office-open',
    );
  });

  it('stays suspended when an agreement is recorded during the suspension, with its targets in force', () => {
    const linked: MissionEvent = {
      type: 'MissionSourceLinked',
      data: {
        missionId,
        source: havanaMeeting,
        targets: { temporaryOfficeBy: null, embassyBy: '2025-12-31' },
        plannedOn: '2025-03-15',
        agreedOn: '2025-03-15',
        occurredOn: '2025-03-15',
      },
    };
    const events = [...onPost, suspended(), linked];
    expect(stateAfter(events)).toMatchObject({
      status: 'suspended',
      resumesAs: 'opening-team-on-post',
      targets: { temporaryOfficeBy: '2024-06-30', embassyBy: '2025-12-31' },
    });
    expect(statusAfter([...events, resumed()])).toBe('opening-team-on-post');
  });

  it('is closed for good', () => {
    expect(stateAfter([...onPost, suspended(), closed()])).toMatchObject({
      status: 'closed',
      closedOn: '2025-05-01',
      closureReason: 'relations severed',
    });
  });
});

describe('Mission state', () => {
  it('keeps what a read model needs', () => {
    expect(
      stateAfter([...onPost, temporaryOfficeOpened(), embassyOpened(), suspended(), resumed()]),
    ).toEqual({
      status: 'embassy-open',
      missionId,
      sendingState: 'KR',
      receivingState: 'CU',
      city: 'Havana',
      targets: { temporaryOfficeBy: '2024-06-30', embassyBy: null },
      agreements: [
        {
          source: planned.data.source,
          plannedOn: '2024-06-12',
          agreedOn: '2024-06-12',
          targets: { temporaryOfficeBy: '2024-06-30', embassyBy: null },
        },
      ],
      plannedOn: '2024-06-12',
      agreedOn: '2024-06-12',
      diplomats: [
        {
          diplomatId: 'diplomat-1',
          name: 'Kim Min-ji',
          title: 'Counsellor',
          role: 'head-of-office',
          rank: { grade: 'counsellor', inferredFromTitle: true },
          dispatchedOn: '2024-06-13',
          expectedArrivalOn: null,
          arrivedOn: '2024-06-15',
        },
      ],
      temporaryOffice: { openedOn: '2024-06-28', address: 'Miramar Trade Center, Havana' },
      embassy: { openedOn: '2025-01-17', address: null },
      suspensions: [
        { suspendedOn: '2025-03-01', reason: 'ordered departure', resumedOn: '2025-04-01' },
      ],
      latestMilestoneOn: '2025-04-01',
      lifecycle: 1,
      previousClosedOn: null,
      earlierSources: [],
      earlierDiplomatIds: [],
      earlierClosures: [],
    });
  });

  it('starts a re-established mission afresh, remembering where earlier lifecycles came from', () => {
    const restored = { meetingId: 'meeting-restored', outcomeId: 'missions' };
    const state = stateAfter([
      ...onPost,
      embassyOpened(),
      closed(),
      reestablished({ source: restored }),
    ]);
    expect(state).toMatchObject({
      status: 'planned',
      lifecycle: 2,
      previousClosedOn: '2025-05-01',
      plannedOn: '2025-06-20',
      agreedOn: '2025-06-20',
      targets: { temporaryOfficeBy: null, embassyBy: '2025-12-31' },
      agreements: [expect.objectContaining({ source: restored })],
      diplomats: [],
      temporaryOffice: null,
      embassy: null,
      suspensions: [],
      latestMilestoneOn: null,
      earlierSources: [planned.data.source],
      earlierDiplomatIds: ['diplomat-1'],
      earlierClosures: ['2025-05-01'],
    });
  });

  it('ignores a re-establishment of a mission that is not closed', () => {
    const before = stateAfter(onPost);
    expect(evolveMission(before, reestablished())).toBe(before);
  });

  it('keeps the latest milestone date whatever order milestones are recorded in', () => {
    expect(
      stateAfter([...onPost, embassyOpened(), temporaryOfficeOpened('2024-12-01')]),
    ).toMatchObject({ latestMilestoneOn: '2025-01-17' });
  });

  it('counts the mission as agreed at its earliest agreement', () => {
    const linkedEarlier: MissionEvent = {
      type: 'MissionSourceLinked',
      data: {
        missionId,
        source: havanaMeeting,
        targets: { temporaryOfficeBy: '2024-05-31', embassyBy: '2024-12-31' },
        plannedOn: '2024-04-27',
        agreedOn: '2024-04-27',
        occurredOn: '2024-04-27',
      },
    };
    expect(stateAfter([planned, linkedEarlier])).toMatchObject({
      agreedOn: '2024-04-27',
      // The June meeting's temporary office target stands: an older meeting recorded late
      // does not override it; the embassy target only the April meeting set.
      targets: { temporaryOfficeBy: '2024-06-30', embassyBy: '2024-12-31' },
    });
  });

  it('records the arrival on the diplomat who arrived', () => {
    const state = stateAfter([
      planned,
      dispatched('a'),
      dispatched('b'),
      arrived('2024-06-20', 'b'),
    ]);
    expect(state).toMatchObject({
      diplomats: [
        { diplomatId: 'a', arrivedOn: null },
        { diplomatId: 'b', arrivedOn: '2024-06-20' },
      ],
    });
  });
});

describe('Mission events', () => {
  it('are plain JSON, ready to append', () => {
    const events: MissionEvent[] = [
      ...onPost,
      temporaryOfficeOpened(),
      embassyOpened(),
      suspended(),
      resumed(),
      closed(),
    ];
    const data: JsonObject[] = events.map((event) => event.data);
    expect(JSON.parse(JSON.stringify(data))).toEqual(data);
  });
});
