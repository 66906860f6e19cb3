import { missionPlansOf } from '../../src/meetings/domain/meeting-mission-plans.js';
import { missionDecider } from '../../src/missions/domain/mission.decider.js';
import { fold } from '../../src/shared/decider.js';
import { meetingId, meetingRecorded, metadata } from './meeting.fixtures.js';

describe('Mission plans of a meeting', () => {
  it('lists one plan per mission the meeting establishes, sourced from its outcome', () => {
    expect(missionPlansOf(meetingRecorded)).toEqual([
      {
        missionId: 'kr-cu-havana',
        sendingState: 'KR',
        receivingState: 'CU',
        city: 'Havana',
        targets: { temporaryOfficeBy: '2024-06-30', embassyBy: null },
        source: { meetingId, outcomeId: 'missions' },
        plannedOn: '2024-06-12',
        agreedOn: '2024-06-12',
      },
      {
        missionId: 'cu-kr-seoul',
        sendingState: 'CU',
        receivingState: 'KR',
        city: 'Seoul',
        targets: { temporaryOfficeBy: null, embassyBy: null },
        source: { meetingId, outcomeId: 'missions' },
        plannedOn: '2024-06-12',
        agreedOn: '2024-06-12',
      },
    ]);
  });

  it('lists nothing for a meeting that establishes no mission', () => {
    expect(
      missionPlansOf({ type: 'MeetingRecorded', data: { ...meetingRecorded.data, outcomes: [] } }),
    ).toEqual([]);
  });

  it('plans each mission once, however often the plans are replayed', () => {
    for (const plan of missionPlansOf(meetingRecorded)) {
      const command = { type: 'PlanMission', data: plan, metadata } as const;
      const first = missionDecider.decide(command, missionDecider.initialState());
      expect(first.map((event) => event.type)).toEqual(['MissionPlanned']);
      expect(missionDecider.decide(command, fold(missionDecider, first))).toEqual([]);
    }
  });
});
