import type { MeetingOutcomeInput } from '../../src/meetings/domain/meeting.commands.js';
import { meetingDecider, meetingStreamOf } from '../../src/meetings/domain/meeting.decider.js';
import { MeetingRules } from '../../src/meetings/domain/meeting.rules.js';
import { DeciderSpecification } from '../support/decider-spec.js';
import { meetingId, meetingRecorded, recordMeeting, TODAY } from './meeting.fixtures.js';

const spec = DeciderSpecification.for(meetingDecider);

function establishing(
  ...missions: Extract<MeetingOutcomeInput, { kind: 'establish-missions' }>['missions']
): MeetingOutcomeInput[] {
  return [{ outcomeId: 'missions', kind: 'establish-missions', summary: 'Missions', missions }];
}

function agreed(missionId: string, sendingState: string, receivingState: string, city: string) {
  return {
    missionId,
    sendingState,
    receivingState,
    city,
    targets: { temporaryOfficeBy: null, embassyBy: null },
  };
}

describe('Meeting', () => {
  it('lives in the stream meeting-<meetingId>', () => {
    expect(meetingStreamOf(meetingId)).toBe(`meeting-${meetingId}`);
  });

  describe('when it was never recorded', () => {
    it('records the meeting with its outcomes, naming each mission it agrees on', () => {
      spec.given([]).when(recordMeeting()).then([meetingRecorded]);
    });

    it('records a meeting without a place', () => {
      spec
        .given([])
        .when(recordMeeting({ place: undefined }))
        .then([{ type: 'MeetingRecorded', data: { ...meetingRecorded.data, place: null } }]);
    });

    it('records a meeting held today', () => {
      spec
        .given([])
        .when(recordMeeting({ heldOn: TODAY, outcomes: [] }))
        .then([
          {
            type: 'MeetingRecorded',
            data: { ...meetingRecorded.data, heldOn: TODAY, outcomes: [], occurredOn: TODAY },
          },
        ]);
    });

    it('refuses a meeting held in the future', () => {
      spec
        .given([])
        .when(recordMeeting({ heldOn: '2025-07-02' }))
        .thenThrows(MeetingRules.dateInTheFuture, 'unprocessable', 'heldOn');
    });

    it('refuses a date that is not a calendar date', () => {
      spec
        .given([])
        .when(recordMeeting({ heldOn: '12/06/2024' }))
        .thenThrows(MeetingRules.invalidDate, 'unprocessable');
    });

    it('refuses a meeting of a state with itself', () => {
      spec
        .given([])
        .when(recordMeeting({ parties: ['KR', 'KR'], outcomes: [] }))
        .thenThrows(MeetingRules.sameParties, 'invalid', 'parties');
    });

    it('refuses a party that is not an alpha-2 code', () => {
      spec
        .given([])
        .when(recordMeeting({ parties: ['kr', 'CU'] }))
        .thenThrows(MeetingRules.invalidStateCode, 'unprocessable');
    });

    it('refuses a mission that is not between the two parties', () => {
      spec
        .given([])
        .when(
          recordMeeting({
            outcomes: establishing({
              sendingState: 'KR',
              receivingState: 'US',
              city: 'Washington',
            }),
          }),
        )
        .thenThrows(
          MeetingRules.missionNotBetweenParties,
          'invalid',
          'outcomes[0].missions[0].receivingState',
        );
    });

    it('refuses a mission a party sends to itself', () => {
      spec
        .given([])
        .when(
          recordMeeting({
            outcomes: establishing({ sendingState: 'KR', receivingState: 'KR', city: 'Seoul' }),
          }),
        )
        .thenThrows(
          MeetingRules.sameSendingAndReceivingState,
          'invalid',
          'outcomes[0].missions[0].receivingState',
        );
    });

    it('refuses the same mission twice, however its city is spelled', () => {
      spec
        .given([])
        .when(
          recordMeeting({
            parties: ['US', 'BR'],
            outcomes: [
              ...establishing({ sendingState: 'US', receivingState: 'BR', city: 'São Paulo' }),
              {
                outcomeId: 'more-missions',
                kind: 'establish-missions',
                summary: 'More missions',
                missions: [{ sendingState: 'US', receivingState: 'BR', city: 'Sao Paulo' }],
              },
            ],
          }),
        )
        .thenThrows(MeetingRules.duplicateMission, 'invalid', 'outcomes[1].missions[0]');
    });

    it('refuses a cooperation outcome that names one area twice, whatever its case', () => {
      spec
        .given([])
        .when(
          recordMeeting({
            outcomes: [
              {
                outcomeId: 'cooperation',
                kind: 'cooperation',
                summary: 'Substantive cooperation',
                areas: ['Trade', 'energy', 'trade'],
              },
            ],
          }),
        )
        .thenThrows(MeetingRules.duplicateArea, 'invalid', 'outcomes[0].areas');
    });

    it('records missions both ways and in several cities of one state', () => {
      spec
        .given([])
        .when(
          recordMeeting({
            parties: ['US', 'BR'],
            outcomes: establishing(
              { sendingState: 'US', receivingState: 'BR', city: 'São Paulo' },
              { sendingState: 'US', receivingState: 'BR', city: 'Brasília' },
              { sendingState: 'BR', receivingState: 'US', city: 'Washington' },
            ),
          }),
        )
        .then([
          {
            type: 'MeetingRecorded',
            data: {
              ...meetingRecorded.data,
              parties: ['US', 'BR'],
              outcomes: [
                {
                  outcomeId: 'missions',
                  kind: 'establish-missions',
                  summary: 'Missions',
                  missions: [
                    agreed('us-br-sao-paulo', 'US', 'BR', 'São Paulo'),
                    agreed('us-br-brasilia', 'US', 'BR', 'Brasília'),
                    agreed('br-us-washington', 'BR', 'US', 'Washington'),
                  ],
                },
              ],
            },
          },
        ]);
    });

    it('refuses a mission in a city with nothing to name it by', () => {
      spec
        .given([])
        .when(
          recordMeeting({
            outcomes: establishing({ sendingState: 'KR', receivingState: 'CU', city: '...' }),
          }),
        )
        .thenThrows(MeetingRules.invalidCity, 'invalid', 'outcomes[0].missions[0].city');
    });

    it('refuses a target before the meeting', () => {
      spec
        .given([])
        .when(
          recordMeeting({
            outcomes: establishing({
              sendingState: 'KR',
              receivingState: 'CU',
              city: 'Havana',
              targets: { embassyBy: '2024-06-11' },
            }),
          }),
        )
        .thenThrows(
          MeetingRules.targetBeforeMeeting,
          'unprocessable',
          'outcomes[0].missions[0].targets.embassyBy',
        );
    });

    it('refuses an embassy target before the temporary-office target', () => {
      spec
        .given([])
        .when(
          recordMeeting({
            outcomes: establishing({
              sendingState: 'KR',
              receivingState: 'CU',
              city: 'Havana',
              targets: { temporaryOfficeBy: '2024-12-31', embassyBy: '2024-09-30' },
            }),
          }),
        )
        .thenThrows(
          MeetingRules.targetsOutOfOrder,
          'unprocessable',
          'outcomes[0].missions[0].targets',
        );
    });

    it('accepts a target on the day of the meeting', () => {
      const recorded = meetingDecider.decide(
        recordMeeting({
          outcomes: establishing({
            sendingState: 'KR',
            receivingState: 'CU',
            city: 'Havana',
            targets: { embassyBy: '2024-06-12' },
          }),
        }),
        meetingDecider.initialState(),
      );
      expect(recorded).toMatchObject([
        {
          type: 'MeetingRecorded',
          data: {
            outcomes: [
              { missions: [{ targets: { temporaryOfficeBy: null, embassyBy: '2024-06-12' } }] },
            ],
          },
        },
      ]);
    });

    it('refuses a target that is not a calendar date', () => {
      spec
        .given([])
        .when(
          recordMeeting({
            outcomes: establishing({
              sendingState: 'KR',
              receivingState: 'CU',
              city: 'Havana',
              targets: { temporaryOfficeBy: 'first half of the year' },
            }),
          }),
        )
        .thenThrows(MeetingRules.invalidDate, 'unprocessable');
    });

    it('refuses two outcomes with the same id', () => {
      spec
        .given([])
        .when(
          recordMeeting({
            outcomes: [
              { outcomeId: 'o-1', kind: 'other', summary: 'One' },
              { outcomeId: 'o-1', kind: 'other', summary: 'Two' },
            ],
          }),
        )
        .thenThrows(MeetingRules.duplicateOutcome, 'invalid', 'outcomes[1].outcomeId');
    });

    it('refuses an invalid field before a target a meeting dates out of order, whatever their order', () => {
      spec
        .given([])
        .when(
          recordMeeting({
            outcomes: establishing(
              {
                sendingState: 'KR',
                receivingState: 'CU',
                city: 'Havana',
                targets: { embassyBy: '2024-06-11' },
              },
              { sendingState: 'CU', receivingState: 'KR', city: '🇨🇺' },
            ),
          }),
        )
        .thenThrows(MeetingRules.invalidCity, 'invalid', 'outcomes[0].missions[1].city');
    });

    it('refuses an outcome that establishes no mission', () => {
      spec
        .given([])
        .when(recordMeeting({ outcomes: establishing() }))
        .thenThrows(MeetingRules.outcomeWithoutMissions, 'invalid', 'outcomes[0].missions');
    });
  });

  describe('when it is recorded', () => {
    it('refuses to record it again', () => {
      spec
        .given([meetingRecorded])
        .when(recordMeeting())
        .thenThrows(MeetingRules.alreadyRecorded, 'conflict');
    });
  });

  describe('what the planner found it could not plan', () => {
    const refusal = {
      meetingId,
      missionId: 'kr-cu-havana',
      path: 'outcomes[0].missions[0]',
      rule: 'mission-closed',
      detail: 'mission kr-cu-havana was closed on 2024-05-01',
    };
    const recordNotPlanned = (data = refusal) => ({
      type: 'RecordMissionNotPlanned' as const,
      data,
      metadata: { today: TODAY },
    });
    const notPlanned = { type: 'MissionNotPlannedFromMeeting' as const, data: refusal };

    it('is recorded on the meeting, with the rule and where the meeting calls for the mission', () => {
      spec.given([meetingRecorded]).when(recordNotPlanned()).then([notPlanned]);
    });

    it('is recorded once per mission: the planner handling the meeting again decides nothing', () => {
      spec.given([meetingRecorded, notPlanned]).when(recordNotPlanned()).thenNothingHappens();
    });

    it('is recorded for each of its missions the planner could not plan', () => {
      const other = { ...refusal, missionId: 'cu-kr-seoul', path: 'outcomes[0].missions[1]' };
      spec
        .given([meetingRecorded, notPlanned])
        .when(recordNotPlanned(other))
        .then([{ type: 'MissionNotPlannedFromMeeting', data: other }]);
    });

    it('is refused for a meeting never recorded', () => {
      spec.given([]).when(recordNotPlanned()).thenThrows(MeetingRules.notRecorded, 'not-found');
    });
  });
});
