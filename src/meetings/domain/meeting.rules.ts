/**
 * Why RecordMeeting is refused: stable identifiers the HTTP edge maps to problem types. The
 * HTTP status comes from the DomainRuleError's kind, noted here for each rule ('invalid': a
 * field of the command is invalid whatever is recorded, 400 with its path). Rules shared
 * with missions use the same identifiers ('invalid-date', 'date-in-the-future' ...).
 */
export const MeetingRules = {
  /** conflict: a meeting is recorded once. */
  alreadyRecorded: 'meeting-already-recorded',
  /** not found: what the planner found of a meeting is recorded only on a recorded meeting. */
  notRecorded: 'meeting-not-recorded',
  /** unprocessable: a date is not a calendar date 'YYYY-MM-DD'. */
  invalidDate: 'invalid-date',
  /** unprocessable: heldOn is after `today`. */
  dateInTheFuture: 'date-in-the-future',
  /** unprocessable: a state code is not an upper-case ISO alpha-2 code. */
  invalidStateCode: 'invalid-state-code',
  /** invalid: the two parties are the same state. */
  sameParties: 'same-parties',
  /** invalid: two outcomes share an outcomeId. */
  duplicateOutcome: 'duplicate-outcome',
  /** invalid: an 'establish-missions' outcome lists no mission. */
  outcomeWithoutMissions: 'outcome-without-missions',
  /** invalid: a mission's sending or receiving state is not one of the parties. */
  missionNotBetweenParties: 'mission-not-between-parties',
  /** invalid: a mission's sending state is its receiving state. */
  sameSendingAndReceivingState: 'same-sending-and-receiving-state',
  /** invalid: a mission's city has no letter or digit to name the mission by. */
  invalidCity: 'invalid-city',
  /** invalid: the same mission (sending, receiving, city) appears more than once in the meeting. */
  duplicateMission: 'duplicate-mission',
  /** invalid: a cooperation outcome names one area twice (case aside). */
  duplicateArea: 'duplicate-area',
  /** unprocessable: a mission target is dated before the meeting. */
  targetBeforeMeeting: 'target-before-meeting',
  /** unprocessable: a mission's embassy target is before its temporary-office target. */
  targetsOutOfOrder: 'targets-out-of-order',
} as const;

export type MeetingRule = (typeof MeetingRules)[keyof typeof MeetingRules];

/** The rules that refuse a field of the meeting whatever is recorded (kind 'invalid', 400). */
export const MeetingFieldRules: readonly MeetingRule[] = [
  MeetingRules.sameParties,
  MeetingRules.duplicateOutcome,
  MeetingRules.outcomeWithoutMissions,
  MeetingRules.missionNotBetweenParties,
  MeetingRules.sameSendingAndReceivingState,
  MeetingRules.invalidCity,
  MeetingRules.duplicateMission,
  MeetingRules.duplicateArea,
];
