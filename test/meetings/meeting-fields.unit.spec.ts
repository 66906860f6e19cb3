import { areaKey, meetingFieldRefusals } from '../../src/meetings/domain/meeting-fields.js';
import { MeetingRules } from '../../src/meetings/domain/meeting.rules.js';
import { recordMeeting } from './meeting.fixtures.js';

const rulesAt = (refusals: ReturnType<typeof meetingFieldRefusals>) =>
  refusals.map(({ path, rule }) => ({ path, rule }));

describe('The field rules of a meeting', () => {
  const meeting = recordMeeting({
    parties: ['KR', 'CU'],
    outcomes: [
      {
        outcomeId: 'missions',
        kind: 'establish-missions',
        summary: 'Missions',
        missions: [
          { sendingState: 'KR', receivingState: 'CU', city: 'Havana' },
          { sendingState: 'KR', receivingState: 'KR', city: 'Seoul' },
          { sendingState: 'US', receivingState: 'CU', city: '!!!' },
          { sendingState: 'KR', receivingState: 'CU', city: 'HAVANA' },
        ],
      },
      { outcomeId: 'missions', kind: 'cooperation', summary: 'Trade', areas: ['Trade', 'trade'] },
      { outcomeId: 'none', kind: 'establish-missions', summary: 'None', missions: [] },
    ],
  }).data;

  it('names every field they refuse, in the order of the meeting, each at its path', () => {
    expect(rulesAt(meetingFieldRefusals(meeting))).toEqual([
      {
        path: 'outcomes[0].missions[1].receivingState',
        rule: MeetingRules.sameSendingAndReceivingState,
      },
      { path: 'outcomes[0].missions[2].sendingState', rule: MeetingRules.missionNotBetweenParties },
      { path: 'outcomes[0].missions[2].city', rule: MeetingRules.invalidCity },
      { path: 'outcomes[0].missions[3]', rule: MeetingRules.duplicateMission },
      { path: 'outcomes[1].outcomeId', rule: MeetingRules.duplicateOutcome },
      { path: 'outcomes[1].areas', rule: MeetingRules.duplicateArea },
      { path: 'outcomes[2].missions', rule: MeetingRules.outcomeWithoutMissions },
    ]);
  });

  it('across the meeting, names only what compares a field with other parts of it', () => {
    expect(rulesAt(meetingFieldRefusals({ ...meeting, parties: ['KR', 'KR'] }, 'across'))).toEqual([
      {
        path: 'outcomes[0].missions[0].receivingState',
        rule: MeetingRules.missionNotBetweenParties,
      },
      { path: 'outcomes[0].missions[2].sendingState', rule: MeetingRules.missionNotBetweenParties },
      {
        path: 'outcomes[0].missions[2].receivingState',
        rule: MeetingRules.missionNotBetweenParties,
      },
      {
        path: 'outcomes[0].missions[3].receivingState',
        rule: MeetingRules.missionNotBetweenParties,
      },
      { path: 'outcomes[0].missions[3]', rule: MeetingRules.duplicateMission },
      { path: 'outcomes[1].outcomeId', rule: MeetingRules.duplicateOutcome },
    ]);
  });

  it('passes over what it cannot read: parties, states, cities and outcome ids left undefined', () => {
    expect(
      meetingFieldRefusals(
        {
          parties: ['KR', undefined],
          outcomes: [
            undefined,
            {
              kind: 'establish-missions',
              missions: [
                undefined,
                { sendingState: 'KR', receivingState: undefined, city: 'Havana' },
                { sendingState: 'KR', receivingState: undefined, city: 'Havana' },
              ],
            },
            { kind: 'other' },
            { kind: 'other' },
          ],
        },
        'across',
      ),
    ).toEqual([]);
  });

  it('finds nothing to refuse in a meeting whose fields are valid', () => {
    expect(meetingFieldRefusals(recordMeeting().data)).toEqual([]);
  });
});

describe('Cooperation areas told apart', () => {
  it.each([
    ['Trade', 'trade'],
    ['straße', 'STRASSE'],
    ['Straẞe', 'strasse'],
    ['ẞ', 'ß'],
    ['ΟΔΟΣ', 'οδοσ'],
    ['ＴＲＡＤＥ', 'trade'],
    ['ﬁsheries', 'FISHERIES'],
    ['ΕΝΈΡΓΕΙΑ', 'ενέργεια'],
  ])('reads %s and %s as one area', (first, second) => {
    expect(areaKey(first)).toBe(areaKey(second));
  });

  it('keeps apart areas that differ by more than case', () => {
    expect(areaKey('trade')).not.toBe(areaKey('tradé'));
    expect(areaKey('energy')).not.toBe(areaKey('energies'));
    expect(areaKey('ı')).not.toBe(areaKey('i'));
  });
});
