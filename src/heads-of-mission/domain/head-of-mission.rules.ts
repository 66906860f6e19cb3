import { MissionRules } from '../../missions/domain/mission.rules.js';

/**
 * Why a head-of-mission or register command is refused: stable identifiers the HTTP edge maps
 * to problem types (`/problems/<rule>`). The HTTP status comes from the DomainRuleError's kind,
 * noted here for each rule. Rules shared with the mission keep the mission's identifiers.
 */
export const HeadOfMissionRules = {
  /** not-found: the mission was never planned. */
  missionNotPlanned: MissionRules.notPlanned,
  /** conflict: a closed mission accepts nothing further (ending functions excepted). */
  missionClosed: MissionRules.closed,
  /**
   * conflict: a step of a nominee's track begun before the mission closed, once the mission
   * has been re-established (that track ended with the closure; ending functions excepted).
   */
  nomineeOfEarlierLifecycle: 'nominee-of-earlier-lifecycle',
  /** not-found: no head of mission with this id was nominated to this mission. */
  notNominated: 'head-of-mission-not-nominated',
  /**
   * conflict: another nominee's track is in progress (nominated, not yet accredited, neither
   * refused nor ended): a mission has one nominee under way at a time.
   */
  nomineeInProgress: 'head-of-mission-already-nominated',
  /** conflict: credentials while another head's functions are in force (one head in office). */
  anotherHeadInOffice: 'another-head-of-mission-in-office',
  /** conflict: a chargé d'affaires a.i. dated while a head of mission was in office. */
  headOfMissionInOffice: 'head-of-mission-in-office',
  /**
   * conflict: credentials dated on or before the designation of a chargé d'affaires a.i. on
   * record (the post was vacant on that date, so no head's functions had commenced).
   */
  chargeDAffairesLater: 'charge-d-affaires-designated-later',
  /** conflict: the agrément was refused; nothing further happens to that nominee. */
  agrementRefused: 'agrement-refused',
  /** conflict: the head's functions ended; nothing further happens to that head. */
  functionsEnded: 'head-of-mission-functions-ended',
  /** conflict: the agrément was already requested. */
  agrementAlreadyRequested: 'agrement-already-requested',
  /** conflict: granting or refusing an agrément that was never requested. */
  agrementNotRequested: 'agrement-not-requested',
  /** conflict: the agrément was already granted (granting twice, or refusing after granting). */
  agrementAlreadyGranted: 'agrement-already-granted',
  /** conflict: appointment or credentials without agrément (VCDR art. 4). */
  agrementNotGranted: 'agrement-not-granted',
  /** conflict: the head was already appointed. */
  alreadyAppointed: 'head-of-mission-already-appointed',
  /** conflict: arriving before being appointed. */
  notAppointed: 'head-of-mission-not-appointed',
  /** conflict: the head already arrived. */
  alreadyArrived: 'head-of-mission-already-arrived',
  /** conflict: a copy of credentials or credentials before arrival (VCDR art. 13). */
  notArrived: 'head-of-mission-not-arrived',
  /** conflict: the copy of credentials was already presented. */
  copyOfCredentialsAlreadyPresented: 'copy-of-credentials-already-presented',
  /** conflict: the credentials were already presented. */
  credentialsAlreadyPresented: 'credentials-already-presented',
  /** unprocessable: a date is not a calendar date 'YYYY-MM-DD'. */
  invalidDate: MissionRules.invalidDate,
  /** unprocessable: a recorded fact dated after `today`. */
  dateInTheFuture: MissionRules.dateInTheFuture,
  /** unprocessable: a nomination or designation dated before the mission was agreed. */
  dateBeforeAgreement: MissionRules.dateBeforeAgreement,
  /**
   * unprocessable: a nomination or designation in a re-established mission dated on the day
   * of the closure before it (a heads-of-mission fact of that day is the closed lifecycle's).
   */
  onPreviousClosureDay: 'dated-on-closure-day',
  /** unprocessable: a step dated before the step it follows (e.g. appointment before agrément). */
  dateBeforePreviousStep: 'date-before-previous-step',
  /**
   * unprocessable: an end of functions dated after the closure of the mission the head served
   * (functions end with the mission at the latest).
   */
  endAfterClosure: 'functions-ended-after-closure',
  /** unprocessable: a copy of credentials dated after the credentials themselves. */
  copyAfterCredentials: 'copy-of-credentials-after-credentials',
} as const;
