import { MeetingFieldRules, MeetingRules } from '../../meetings/domain/meeting.rules.js';
import { SourceRules } from '../../meetings/meeting-sources.js';
import { MissionRules as R } from '../../missions/domain/mission.rules.js';

/**
 * The domain rules each command may be refused by, per status (the kind each rule is raised
 * with in the deciders): the `/problems/<rule>` types its 404, 409 and 422 answers can have,
 * and the rules of the fields its 400 lists (`errors[].rule`).
 */
export interface Refusals {
  readonly invalid?: readonly string[];
  readonly notFound?: readonly string[];
  readonly conflicts?: readonly string[];
  readonly unprocessable?: readonly string[];
}

/** A recorded fact's date: a real date, not in the future (shared/date-guards.ts). */
export const FACT_DATE = [R.invalidDate, R.dateInTheFuture];
const MILESTONE_DATE = [...FACT_DATE, R.dateBeforeAgreement, R.dateDuringSuspension];
const TRANSITION_DATE = [...FACT_DATE, R.dateBeforeAgreement, R.dateBeforeLatestMilestone];
/**
 * Dispatch, arrival and openings need a planned mission that is not closed, and not suspended
 * on or before their date.
 */
const OPERATING = { notFound: [R.notPlanned], conflicts: [R.closed, R.suspended] };

export const MissionRefusals = {
  planMission: {
    invalid: [R.sameSendingAndReceivingState, R.invalidCity],
    conflicts: [R.closed],
    unprocessable: [
      R.invalidStateCode,
      R.missionIdMismatch,
      ...FACT_DATE,
      R.targetBeforeAgreement,
      R.targetsOutOfOrder,
      R.agreementBeforeClosure,
      SourceRules.unknownSource,
      SourceRules.sourceDoesNotCallForMission,
      R.agreementBeforeSource,
      R.targetsDifferFromSource,
    ],
  },
  dispatchDiplomat: {
    notFound: OPERATING.notFound,
    conflicts: [...OPERATING.conflicts, R.diplomatAlreadyDispatched],
    unprocessable: [...MILESTONE_DATE, R.expectedArrivalBeforeDispatch],
  },
  recordDiplomatArrival: {
    notFound: [...OPERATING.notFound, R.diplomatNotDispatched],
    conflicts: [...OPERATING.conflicts, R.diplomatAlreadyArrived, R.diplomatOfEarlierLifecycle],
    unprocessable: [...MILESTONE_DATE, R.arrivalBeforeDispatch],
  },
  openTemporaryOffice: {
    notFound: OPERATING.notFound,
    conflicts: [
      ...OPERATING.conflicts,
      R.temporaryOfficeAlreadyOpen,
      R.embassyAlreadyOpen,
      R.nobodyOnPost,
    ],
    unprocessable: MILESTONE_DATE,
  },
  openEmbassy: {
    notFound: OPERATING.notFound,
    conflicts: [...OPERATING.conflicts, R.embassyAlreadyOpen, R.nobodyOnPost],
    unprocessable: [...MILESTONE_DATE, R.embassyBeforeTemporaryOffice],
  },
  suspendOperations: {
    notFound: [R.notPlanned],
    conflicts: [R.closed, R.alreadySuspended],
    unprocessable: TRANSITION_DATE,
  },
  resumeOperations: {
    notFound: [R.notPlanned],
    conflicts: [R.closed, R.notSuspended],
    unprocessable: TRANSITION_DATE,
  },
  closeMission: {
    notFound: [R.notPlanned],
    conflicts: [R.closed],
    unprocessable: TRANSITION_DATE,
  },
} as const satisfies Record<string, Refusals>;

/**
 * Rules of the meeting decider a request never reaches: its validation refuses the same input
 * first, as a 400 without a rule (a date or state code malformed, an outcome listing no mission).
 */
const VALIDATED_FIRST: readonly string[] = [
  MeetingRules.invalidDate,
  MeetingRules.invalidStateCode,
  MeetingRules.outcomeWithoutMissions,
];

export const MeetingRefusals = {
  recordMeeting: {
    invalid: MeetingFieldRules.filter((rule) => !VALIDATED_FIRST.includes(rule)),
    conflicts: [MeetingRules.alreadyRecorded],
    unprocessable: Object.values(MeetingRules).filter(
      (rule) =>
        rule !== MeetingRules.alreadyRecorded &&
        !MeetingFieldRules.includes(rule) &&
        !VALIDATED_FIRST.includes(rule),
    ),
  },
} as const satisfies Record<string, Refusals>;
