import { overdueTargetsOf } from '../../src/missions/domain/mission-overdue.js';
import { Calendar } from '../../src/command-handling/calendar.js';
import { replayMission, type ReplayEvent } from '../../src/audit/replay/replay-mission.js';
import { initialMissionState } from '../../src/missions/domain/mission.state.js';

const UTC = new Calendar('UTC');

let revision = 0;
function event(type: string, data: Record<string, unknown>, recordedAt: string): ReplayEvent {
  const occurredOn = typeof data.occurredOn === 'string' ? data.occurredOn : null;
  const r = revision++;
  return {
    revision: r,
    position: String(r).padStart(32, '0'),
    type,
    data: { missionId: 'kr-cu-havana', ...data } as ReplayEvent['data'],
    occurredOn,
    recordedAt,
  };
}

/** Planned 2024-06-12 with the temporary office due by 2024-06-30; the office opened on 06-28 but was recorded only in December. */
function havana(): ReplayEvent[] {
  revision = 0;
  return [
    event(
      'MissionPlanned',
      {
        sendingState: 'KR',
        receivingState: 'CU',
        city: 'Havana',
        targets: { temporaryOfficeBy: '2024-06-30', embassyBy: '2025-01-31' },
        source: null,
        plannedOn: '2024-06-12',
        agreedOn: '2024-06-12',
        occurredOn: '2024-06-12',
      },
      '2024-06-12T10:00:00.000Z',
    ),
    event(
      'DiplomatDispatched',
      {
        diplomatId: 'd-1',
        name: 'Korean diplomat',
        title: 'Counsellor',
        role: 'head-of-office',
        rank: { grade: 'counsellor', inferredFromTitle: true },
        dispatchedOn: '2024-06-10',
        expectedArrivalOn: null,
        occurredOn: '2024-06-10',
      },
      '2024-06-12T10:05:00.000Z',
    ),
    event(
      'DiplomatArrived',
      { diplomatId: 'd-1', arrivedOn: '2024-06-14', occurredOn: '2024-06-14' },
      '2024-06-14T08:00:00.000Z',
    ),
    event(
      'TemporaryOfficeOpened',
      { openedOn: '2024-06-28', address: null, occurredOn: '2024-06-28' },
      '2024-12-01T09:00:00.000Z',
    ),
    event(
      'EmbassyOpened',
      { openedOn: '2025-01-17', address: null, occurredOn: '2025-01-17' },
      '2025-01-17T12:00:00.000Z',
    ),
  ];
}

describe('Replaying a mission', () => {
  describe('as the service knew it (asOf, by recordedAt)', () => {
    it('does not know a milestone recorded late, so the target was overdue then', () => {
      const view = replayMission(
        'kr-cu-havana',
        havana(),
        { asOf: '2024-09-01T00:00:00.000Z' },
        UTC,
      );
      expect(view).toMatchObject({
        today: '2024-09-01',
        knownThrough: { revision: 2, recordedAt: '2024-06-14T08:00:00.000Z' },
        eventsApplied: 3,
        notYetOccurred: [],
        beforeAgreement: [],
      });
      expect(view.mission).toMatchObject({
        status: 'opening-team-on-post',
        temporaryOffice: null,
        overdue: ['temporary-office'],
      });
    });

    it("judges overdue on the asOf instant's date in the ministry's time zone", () => {
      const asOf = { asOf: '2024-06-30T20:00:00.000Z' };
      const inUtc = replayMission('kr-cu-havana', havana(), asOf, UTC);
      expect(inUtc).toMatchObject({ today: '2024-06-30', mission: { overdue: [] } });
      const ahead = replayMission(
        'kr-cu-havana',
        havana(),
        asOf,
        new Calendar('Pacific/Kiritimati'),
      );
      expect(ahead).toMatchObject({
        today: '2024-07-01',
        mission: { overdue: ['temporary-office'] },
      });
    });

    it('knows it once recorded', () => {
      const view = replayMission(
        'kr-cu-havana',
        havana(),
        { asOf: '2024-12-01T09:00:00.000Z' },
        UTC,
      );
      expect(view.mission).toMatchObject({ status: 'temporary-office-open', overdue: [] });
    });

    it('knows nothing before the first record', () => {
      const view = replayMission('kr-cu-havana', havana(), { asOf: '2024-01-01T00:00:00Z' }, UTC);
      expect(view).toMatchObject({ knownThrough: null, eventsApplied: 0 });
      expect(view.mission).toEqual({ status: 'unplanned', overdue: [] });
    });

    it('counts a revision as known once any later one was recorded, whatever the clocks said', () => {
      const events = havana();
      const skewed = events.map((e) =>
        e.revision === 1 ? { ...e, recordedAt: '2024-06-20T00:00:00.000Z' } : e,
      );
      const view = replayMission('kr-cu-havana', skewed, { asOf: '2024-06-15T00:00:00.000Z' }, UTC);
      expect(view.knownThrough?.revision).toBe(2);
      expect(view.eventsApplied).toBe(3);
    });
  });

  describe('as it stood on a date (occurredBy, by occurredOn)', () => {
    it('counts the late-recorded milestone from the day it happened', () => {
      const view = replayMission('kr-cu-havana', havana(), { occurredBy: '2024-09-01' }, UTC);
      expect(view.mission).toMatchObject({
        status: 'temporary-office-open',
        temporaryOffice: { openedOn: '2024-06-28' },
        overdue: [],
      });
      expect(view.notYetOccurred.map((e) => e.type)).toEqual(['EmbassyOpened']);
    });

    it('lists an opening team sent ahead of the agreement apart, folding and counting only what the mission could take', () => {
      const view = replayMission('kr-cu-havana', havana(), { occurredBy: '2024-06-11' }, UTC);
      expect(view.mission.status).toBe('unplanned');
      expect(view.eventsApplied).toBe(0);
      expect(view.beforeAgreement.map((e) => e.type)).toEqual(['DiplomatDispatched']);
      expect(view.notYetOccurred.map((e) => e.type)).toEqual([
        'MissionPlanned',
        'DiplomatArrived',
        'TemporaryOfficeOpened',
        'EmbassyOpened',
      ]);
    });

    it('lists an opening team sent ahead of a re-establishment apart, never folding it into the closed lifecycle', () => {
      const closedThenReopened = [
        ...havana(),
        event(
          'MissionClosed',
          { closedOn: '2025-03-01', reason: 'Relations severed', occurredOn: '2025-03-01' },
          '2025-03-01T09:00:00.000Z',
        ),
        event(
          'DiplomatDispatched',
          {
            diplomatId: 'd-2',
            name: 'Second team',
            title: 'Counsellor',
            role: 'head-of-office',
            rank: { grade: 'counsellor', inferredFromTitle: true },
            dispatchedOn: '2025-06-05',
            expectedArrivalOn: null,
            occurredOn: '2025-06-05',
          },
          '2025-07-02T09:00:00.000Z',
        ),
        event(
          'MissionReestablished',
          {
            source: null,
            targets: {},
            plannedOn: '2025-07-01',
            agreedOn: '2025-07-01',
            occurredOn: '2025-07-01',
            lifecycle: 2,
            previousClosedOn: '2025-03-01',
          },
          '2025-07-01T09:00:00.000Z',
        ),
      ];
      // Recorded in the stream after the re-establishment, as the service requires.
      const [dispatch, reestablished] = closedThenReopened.slice(-2);
      const events = [
        ...closedThenReopened.slice(0, -2),
        { ...reestablished, revision: dispatch.revision },
        { ...dispatch, revision: reestablished.revision },
      ];
      const view = replayMission('kr-cu-havana', events, { occurredBy: '2025-06-20' }, UTC);
      expect(view.mission).toMatchObject({ status: 'closed', lifecycle: 1 });
      expect(view.mission.status === 'closed' && view.mission.diplomats).toHaveLength(1);
      expect(view.beforeAgreement.map((e) => e.type)).toEqual(['DiplomatDispatched']);
      expect(view.notYetOccurred.map((e) => e.type)).toEqual(['MissionReestablished']);
      const later = replayMission('kr-cu-havana', events, { occurredBy: '2025-07-01' }, UTC);
      expect(later.mission).toMatchObject({ status: 'opening-team-dispatched', lifecycle: 2 });
      expect(later.beforeAgreement).toEqual([]);
    });

    it('judges overdue on that date', () => {
      const inJuly = replayMission('kr-cu-havana', havana(), { occurredBy: '2024-06-27' }, UTC);
      expect(inJuly.mission).toMatchObject({ status: 'opening-team-on-post', overdue: [] });
      const inFebruary = replayMission(
        'kr-cu-havana',
        havana().slice(0, 3),
        {
          occurredBy: '2025-02-01',
        },
        UTC,
      );
      expect(inFebruary.mission.overdue).toEqual(['temporary-office', 'embassy']);
    });

    it('combines with asOf: what had happened by a date, as known at an instant', () => {
      const view = replayMission(
        'kr-cu-havana',
        havana(),
        {
          asOf: '2024-09-01T00:00:00Z',
          occurredBy: '2024-07-01',
        },
        UTC,
      );
      expect(view.mission).toMatchObject({
        status: 'opening-team-on-post',
        overdue: ['temporary-office'],
      });
    });
  });

  describe('when the earliest agreement was recorded after the plan (a meeting linked later)', () => {
    const MEETING = { meetingId: 'm-1', outcomeId: 'o-1' };
    /** A mission of GR in Nicosia planned directly for 2026-02-01; the 2026-01-15 meeting that agreed it is linked on 02-03. */
    function nicosia(): ReplayEvent[] {
      revision = 0;
      return [
        event(
          'MissionPlanned',
          {
            missionId: 'gr-cy-nicosia',
            sendingState: 'GR',
            receivingState: 'CY',
            city: 'Nicosia',
            targets: { temporaryOfficeBy: null, embassyBy: null },
            source: null,
            plannedOn: '2026-02-01',
            agreedOn: '2026-02-01',
            occurredOn: '2026-02-01',
          },
          '2026-02-01T09:00:00.000Z',
        ),
        event(
          'MissionSourceLinked',
          {
            missionId: 'gr-cy-nicosia',
            source: MEETING,
            targets: { temporaryOfficeBy: '2026-06-30', embassyBy: null },
            plannedOn: '2026-01-15',
            agreedOn: '2026-01-15',
            occurredOn: '2026-01-15',
          },
          '2026-02-03T09:00:00.000Z',
        ),
      ];
    }
    const dispatched = (diplomatId: string, on: string, recordedAt: string) =>
      event(
        'DiplomatDispatched',
        {
          missionId: 'gr-cy-nicosia',
          diplomatId,
          name: 'Greek diplomat',
          title: 'Counsellor',
          role: 'head-of-office',
          rank: { grade: 'counsellor', inferredFromTitle: true },
          dispatchedOn: on,
          expectedArrivalOn: null,
          occurredOn: on,
        },
        recordedAt,
      );

    it('given a date after the meeting and before the plan, then it is planned as that meeting agreed it', () => {
      const view = replayMission('gr-cy-nicosia', nicosia(), { occurredBy: '2026-01-20' }, UTC);
      expect(view).toMatchObject({ eventsApplied: 1, beforeAgreement: [] });
      expect(view.notYetOccurred).toEqual([
        expect.objectContaining({ type: 'MissionPlanned', occurredOn: '2026-02-01' }),
      ]);
      expect(view.mission).toMatchObject({
        status: 'planned',
        missionId: 'gr-cy-nicosia',
        sendingState: 'GR',
        city: 'Nicosia',
        lifecycle: 1,
        plannedOn: '2026-01-15',
        agreedOn: '2026-01-15',
        targets: { temporaryOfficeBy: '2026-06-30', embassyBy: null },
        agreements: [{ source: MEETING, plannedOn: '2026-01-15', agreedOn: '2026-01-15' }],
        overdue: [],
      });
    });

    it('given a date before the meeting, then it is unplanned and nothing is listed as before the agreement', () => {
      const view = replayMission('gr-cy-nicosia', nicosia(), { occurredBy: '2026-01-14' }, UTC);
      expect(view).toMatchObject({ eventsApplied: 0, beforeAgreement: [] });
      expect(view.mission).toEqual({ status: 'unplanned', overdue: [] });
      expect(view.notYetOccurred.map((e) => e.type)).toEqual([
        'MissionPlanned',
        'MissionSourceLinked',
      ]);
    });

    it('given a date after the plan, then it is the mission as the service folds it, agreed at the meeting', () => {
      const view = replayMission('gr-cy-nicosia', nicosia(), { occurredBy: '2026-02-01' }, UTC);
      expect(view).toMatchObject({ eventsApplied: 2, notYetOccurred: [], beforeAgreement: [] });
      expect(view.mission).toMatchObject({
        status: 'planned',
        plannedOn: '2026-02-01',
        agreedOn: '2026-01-15',
        targets: { temporaryOfficeBy: '2026-06-30', embassyBy: null },
      });
      expect(view.mission.status !== 'unplanned' && view.mission.agreements).toHaveLength(2);
    });

    it('given a team dispatched between the meeting and the plan, recorded before or after the link, then it is folded once the meeting had agreed the mission', () => {
      const recordedBefore = nicosia();
      const [planned, linked] = recordedBefore;
      revision = 1;
      const before = [planned, dispatched('d-1', '2026-01-25', '2026-02-02T09:00:00.000Z')];
      const events = [...before, { ...linked, revision: 2 }];
      for (const stream of [
        events,
        [...nicosia(), dispatched('d-1', '2026-01-25', '2026-02-04T09:00:00.000Z')],
      ]) {
        const view = replayMission('gr-cy-nicosia', stream, { occurredBy: '2026-01-28' }, UTC);
        expect(view).toMatchObject({ eventsApplied: 2, beforeAgreement: [] });
        expect(view.mission).toMatchObject({
          status: 'opening-team-dispatched',
          agreedOn: '2026-01-15',
          diplomats: [{ diplomatId: 'd-1', dispatchedOn: '2026-01-25' }],
        });
      }
    });

    it('given a team sent ahead of the meeting, then it is listed before the agreement until the meeting, and folded after it', () => {
      const events = [...nicosia(), dispatched('d-1', '2026-01-05', '2026-02-04T09:00:00.000Z')];
      const ahead = replayMission('gr-cy-nicosia', events, { occurredBy: '2026-01-10' }, UTC);
      expect(ahead.mission.status).toBe('unplanned');
      expect(ahead.eventsApplied).toBe(0);
      expect(ahead.beforeAgreement.map((e) => e.type)).toEqual(['DiplomatDispatched']);
      const agreed = replayMission('gr-cy-nicosia', events, { occurredBy: '2026-01-20' }, UTC);
      expect(agreed.beforeAgreement).toEqual([]);
      expect(agreed.mission).toMatchObject({
        status: 'opening-team-dispatched',
        plannedOn: '2026-01-15',
      });
    });

    it('given a revision moving the agreement back as well, then it starts from the earliest agreement and folds the other', () => {
      const events = [
        ...nicosia(),
        event(
          'MissionPlanRevised',
          {
            missionId: 'gr-cy-nicosia',
            targets: { temporaryOfficeBy: null, embassyBy: '2026-12-31' },
            plannedOn: '2026-01-10',
            agreedOn: '2026-01-10',
            occurredOn: '2026-01-10',
          },
          '2026-02-05T09:00:00.000Z',
        ),
      ];
      const byRevision = replayMission('gr-cy-nicosia', events, { occurredBy: '2026-01-12' }, UTC);
      expect(byRevision.mission).toMatchObject({
        status: 'planned',
        plannedOn: '2026-01-10',
        agreedOn: '2026-01-10',
        targets: { temporaryOfficeBy: null, embassyBy: '2026-12-31' },
        agreements: [{ source: null, agreedOn: '2026-01-10' }],
      });
      expect(byRevision.notYetOccurred.map((e) => e.type)).toEqual([
        'MissionPlanned',
        'MissionSourceLinked',
      ]);
      const byMeeting = replayMission('gr-cy-nicosia', events, { occurredBy: '2026-01-20' }, UTC);
      expect(byMeeting).toMatchObject({ eventsApplied: 2, beforeAgreement: [] });
      expect(byMeeting.mission).toMatchObject({
        plannedOn: '2026-01-10',
        agreedOn: '2026-01-10',
        targets: { temporaryOfficeBy: '2026-06-30', embassyBy: '2026-12-31' },
      });
    });

    it('given a re-establishment whose earliest agreement was linked later, then the new lifecycle starts from it, and a team sent ahead of it is still kept apart', () => {
      const lifecycleOne = nicosia();
      const closed = event(
        'MissionClosed',
        {
          missionId: 'gr-cy-nicosia',
          closedOn: '2026-03-01',
          reason: 'Relations severed',
          occurredOn: '2026-03-01',
        },
        '2026-03-01T09:00:00.000Z',
      );
      const reestablished = event(
        'MissionReestablished',
        {
          missionId: 'gr-cy-nicosia',
          source: null,
          targets: { temporaryOfficeBy: null, embassyBy: null },
          plannedOn: '2026-07-01',
          agreedOn: '2026-07-01',
          occurredOn: '2026-07-01',
          lifecycle: 2,
          previousClosedOn: '2026-03-01',
        },
        '2026-07-01T09:00:00.000Z',
      );
      const restored = { meetingId: 'm-2', outcomeId: 'o-2' };
      const linked = event(
        'MissionSourceLinked',
        {
          missionId: 'gr-cy-nicosia',
          source: restored,
          targets: { temporaryOfficeBy: null, embassyBy: '2027-01-31' },
          plannedOn: '2026-06-01',
          agreedOn: '2026-06-01',
          occurredOn: '2026-06-01',
        },
        '2026-07-02T09:00:00.000Z',
      );
      const events = [
        ...lifecycleOne,
        closed,
        reestablished,
        linked,
        dispatched('d-1', '2026-05-20', '2026-07-03T09:00:00.000Z'),
        dispatched('d-2', '2026-06-10', '2026-07-03T09:00:00.000Z'),
      ];

      const view = replayMission('gr-cy-nicosia', events, { occurredBy: '2026-06-20' }, UTC);
      expect(view.beforeAgreement).toEqual([]);
      expect(view.notYetOccurred.map((e) => e.type)).toEqual(['MissionReestablished']);
      expect(view.mission).toMatchObject({
        status: 'opening-team-dispatched',
        lifecycle: 2,
        previousClosedOn: '2026-03-01',
        earlierClosures: ['2026-03-01'],
        earlierSources: [MEETING],
        plannedOn: '2026-06-01',
        agreedOn: '2026-06-01',
        targets: { temporaryOfficeBy: null, embassyBy: '2027-01-31' },
        agreements: [{ source: restored }],
      });
      expect(view.mission.status !== 'unplanned' && view.mission.diplomats).toHaveLength(2);

      const ahead = replayMission('gr-cy-nicosia', events, { occurredBy: '2026-05-25' }, UTC);
      expect(ahead.mission).toMatchObject({ status: 'closed', lifecycle: 1, diplomats: [] });
      expect(ahead.beforeAgreement).toEqual([
        expect.objectContaining({ type: 'DiplomatDispatched', occurredOn: '2026-05-20' }),
      ]);
    });
  });

  it('replays a revision, judging overdue on the day it was recorded', () => {
    const view = replayMission('kr-cu-havana', havana(), { revision: 3 }, UTC);
    expect(view).toMatchObject({ today: '2024-12-01', eventsApplied: 4 });
    expect(view.mission).toMatchObject({ status: 'temporary-office-open', overdue: [] });
  });

  it('owes nothing once closed, and nothing before it is planned', () => {
    const closed = replayMission(
      'kr-cu-havana',
      [
        ...havana().slice(0, 3),
        event(
          'MissionClosed',
          { closedOn: '2024-08-01', reason: 'relations severed', occurredOn: '2024-08-01' },
          '2024-08-01T00:00:00Z',
        ),
      ],
      { occurredBy: '2025-06-01' },
      UTC,
    );
    expect(closed.mission).toMatchObject({ status: 'closed', overdue: [] });
    expect(overdueTargetsOf(initialMissionState(), '2030-01-01')).toEqual([]);
  });
});
