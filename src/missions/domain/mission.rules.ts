/**
 * Why a mission command is refused: stable identifiers the HTTP edge maps to problem types.
 * The HTTP status comes from the DomainRuleError's kind, noted here for each rule ('invalid': a
 * field of the command is invalid whatever is recorded, 400 with its path).
 */
export const MissionRules = {
  /** not-found: the mission was never planned. */
  notPlanned: 'mission-not-planned',
  /**
   * conflict: a closed mission accepts nothing further, until a plan from an agreement made on
   * or after the closure re-establishes it (a new lifecycle).
   */
  closed: 'mission-closed',
  /** unprocessable: a re-established mission takes no agreement from before its last closure. */
  agreementBeforeClosure: 'agreement-before-closure',
  /**
   * conflict: while suspended, a milestone dated on or after the day the suspension began
   * (resuming, closing, agreements and milestones dated by the suspension's first day are accepted).
   */
  suspended: 'mission-suspended',
  /** conflict: SuspendOperations on a mission already suspended. */
  alreadySuspended: 'mission-already-suspended',
  /** conflict: ResumeOperations on a mission that is not suspended. */
  notSuspended: 'mission-not-suspended',
  /** unprocessable: the missionId is not `missionIdOf(sending, receiving, city)` or not this stream's. */
  missionIdMismatch: 'mission-id-mismatch',
  /** unprocessable: a state code is not an upper-case ISO alpha-2 code. */
  invalidStateCode: 'invalid-state-code',
  /** invalid: the sending state is the receiving state. */
  sameSendingAndReceivingState: 'same-sending-and-receiving-state',
  /** invalid: the city has no letter or digit to name the mission by. */
  invalidCity: 'invalid-city',
  /** unprocessable: a date is not a calendar date 'YYYY-MM-DD'. */
  invalidDate: 'invalid-date',
  /** unprocessable: a recorded fact dated after `today`. */
  dateInTheFuture: 'date-in-the-future',
  /** unprocessable: a milestone dated before the mission was agreed. */
  dateBeforeAgreement: 'date-before-agreement',
  /** unprocessable: a plan citing a source meeting is dated before that meeting was held. */
  agreementBeforeSource: 'agreement-before-source',
  /** unprocessable: a plan citing a source meeting states another date for a target it set. */
  targetsDifferFromSource: 'targets-differ-from-source',
  /** unprocessable: a target dated before the agreement that sets it. */
  targetBeforeAgreement: 'target-before-agreement',
  /** unprocessable: an agreement states an embassy target before its temporary-office target. */
  targetsOutOfOrder: 'targets-out-of-order',
  /**
   * unprocessable: dates run backwards against the mission's own history: a suspension or
   * closure dated before the latest milestone, a resumption before the suspension.
   */
  dateBeforeLatestMilestone: 'date-before-latest-milestone',
  /** unprocessable: a milestone dated inside a past suspension, when nothing operated. */
  dateDuringSuspension: 'date-during-suspension',
  /** conflict: this diplomatId was already dispatched to the mission. */
  diplomatAlreadyDispatched: 'diplomat-already-dispatched',
  /** unprocessable: the expected arrival is before the dispatch. */
  expectedArrivalBeforeDispatch: 'expected-arrival-before-dispatch',
  /** not-found: no diplomat with this id was dispatched to the mission. */
  diplomatNotDispatched: 'diplomat-not-dispatched',
  /**
   * conflict: the diplomat was dispatched in an earlier lifecycle of the mission; that posting
   * ended with the closure (dispatch again in the re-established mission).
   */
  diplomatOfEarlierLifecycle: 'diplomat-of-earlier-lifecycle',
  /** conflict: the diplomat has already arrived. */
  diplomatAlreadyArrived: 'diplomat-already-arrived',
  /** unprocessable: the arrival is dated before the dispatch. */
  arrivalBeforeDispatch: 'arrival-before-dispatch',
  /** conflict: nobody had arrived on post by the opening date. */
  nobodyOnPost: 'nobody-on-post',
  /** conflict: the temporary office has already opened. */
  temporaryOfficeAlreadyOpen: 'temporary-office-already-open',
  /**
   * conflict: the embassy has already opened (OpenEmbassy twice), or a temporary office is
   * dated after the embassy opened.
   */
  embassyAlreadyOpen: 'embassy-already-open',
  /** unprocessable: the embassy opening is dated before the temporary office opened. */
  embassyBeforeTemporaryOffice: 'embassy-before-temporary-office',
} as const;
