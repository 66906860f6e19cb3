import { DomainRuleError, invalidField } from '../../shared/domain-rule.error.js';
import { dateGuards } from '../../shared/date-guards.js';
import { daysBefore, earliestOf, type IsoDate } from '../../shared/iso-date.js';
import { isStateCode } from '../../shared/state-code.js';
import { rankOf } from './diplomatic-rank.js';
import { missionIdentityRefusals, missionIdOf } from './mission-id.js';
import {
  sameTargets,
  targetDatesOf,
  targetsFrom,
  targetsOrderRefusal,
  type MissionTargets,
  type MissionTargetsInput,
} from './mission-targets.js';
import type {
  CloseMission,
  DispatchDiplomat,
  MissionCommand,
  MissionSource,
  OpenEmbassy,
  OpenTemporaryOffice,
  PlanMission,
  RecordDiplomatArrival,
  ResumeOperations,
  SourceAgreement,
  SuspendOperations,
} from './mission.commands.js';
import type { MissionEvent } from './mission.events.js';
import { MissionRules } from './mission.rules.js';
import {
  agreementDateOf,
  onPostBy,
  targetsInForce,
  type MissionAgreement,
  type MissionState,
  type PlannedMission,
  type UnclosedMission,
} from './mission.state.js';

const { requireDate, requireFact } = dateGuards(MissionRules);

/*
 * "Agreed on": milestones may not be dated before the mission was agreed, and the mission is
 * agreed on the earliest plannedOn / agreedOn of all its agreements (the first plan and every
 * linked source). Real missions start working before the meeting that records them: the Cuban
 * diplomat arrived in Seoul on 2024-05-12, a month before the 2024-06-12 meeting, because the
 * missions were first agreed in Havana on 2024-04-24..27. So PlanMission carries `agreedOn`
 * (the date the outcome was agreed) apart from `plannedOn`, and linking an earlier agreement
 * moves "agreed on" back.
 *
 * Facts may be recorded long after they happened (the Havana temporary office's date is not
 * public), so the ordering rules compare the dates facts happened, not the order they are
 * recorded in: an arrival recorded after the temporary office is fine as long as someone was
 * on post by the office's opening date.
 */

/** Decides what a command on a mission causes, or throws a DomainRuleError. */
export function decideMission(command: MissionCommand, state: MissionState): MissionEvent[] {
  switch (command.type) {
    case 'PlanMission':
      return planMission(command, state);
    case 'DispatchDiplomat':
      return dispatchDiplomat(
        command,
        operatingOn(state, 'dispatchedOn', command.data.dispatchedOn),
      );
    case 'RecordDiplomatArrival':
      return recordDiplomatArrival(
        command,
        operatingOn(
          everDispatched(state, command.data.diplomatId),
          'arrivedOn',
          command.data.arrivedOn,
        ),
      );
    case 'OpenTemporaryOffice':
      return openTemporaryOffice(command, operatingOn(state, 'openedOn', command.data.openedOn));
    case 'OpenEmbassy':
      return openEmbassy(command, operatingOn(state, 'openedOn', command.data.openedOn));
    case 'SuspendOperations':
      return suspendOperations(command, planned(state));
    case 'ResumeOperations':
      return resumeOperations(command, planned(state));
    case 'CloseMission':
      return closeMission(command, planned(state));
    default: {
      const unknown: never = command;
      throw new Error(`unknown mission command ${JSON.stringify(unknown)}`);
    }
  }
}

function planMission(command: PlanMission, state: MissionState): MissionEvent[] {
  const { data, metadata } = command;
  requireIdentity(command);
  if (state.status !== 'unplanned' && state.missionId !== data.missionId) {
    throw new DomainRuleError(
      MissionRules.missionIdMismatch,
      `this is mission ${state.missionId}, not ${data.missionId}`,
      'unprocessable',
    );
  }
  const source: MissionSource | null =
    data.source == null
      ? null
      : { meetingId: data.source.meetingId, outcomeId: data.source.outcomeId };
  const targets =
    source !== null && metadata.sourceAgreement !== undefined
      ? targetsAgreedWith(source, metadata.sourceAgreement, data)
      : data.targets;
  // The date a client sends is agreedOn (plannedOn follows it), so a refusal names it first;
  // a date in the future is refused also when the source cited is one the mission has.
  if (data.agreedOn !== undefined) requireFact('agreedOn', data.agreedOn, metadata.today);
  requireFact('plannedOn', data.plannedOn, metadata.today);
  if (state.status !== 'unplanned') {
    if (source !== null && isLinked(state, source)) {
      // A replayed process manager links the same outcome again: nothing happens, whatever
      // the status or lifecycle, so the replay never fails. A client citing it again with a
      // target the outcome left open states that target: a revision of the plan, made on the
      // date of this agreement, as one without a source would be. Only the lifecycle the
      // outcome agreed can be so revised: an outcome behind a lifecycle that closed is not
      // the new agreement that calls for the mission again.
      const open =
        metadata.sourceAgreement && targetsLeftOpen(metadata.sourceAgreement, data.targets);
      if (open === undefined) return [];
      requireOfCurrentLifecycle(state, source, open);
      return planMission({ ...command, data: { ...data, source: null, targets: open } }, state);
    }
  }

  const stated: MissionAgreement = {
    source,
    plannedOn: data.plannedOn,
    agreedOn: data.agreedOn ?? data.plannedOn,
    targets: targetsFrom(targets),
  };
  if (state.status !== 'unplanned') requireAfterClosure(state, stated);
  const revised =
    source === null && state.status !== 'unplanned' && state.status !== 'closed' ? state : null;
  // A revision records what it changes: a target restated as it is in force was agreed before
  // it, so it is neither dated by this agreement nor recorded again (it stays in force).
  const agreement =
    revised === null
      ? stated
      : { ...stated, targets: targetsChanged(stated.targets, revised.targets) };
  // The plan restated as it stands, however long after, records nothing and is not refused.
  if (revised !== null && restatesPlan(revised, agreement)) return [];
  // A deadline is not before the agreement that states it (a plan, a meeting linked later, a
  // revision), whatever the mission's earlier agreements: it would be overdue as it is agreed.
  const agreedOn = agreementDateOf(agreement);
  for (const { name, date } of targetDatesOf(agreement.targets)) {
    requireDate(`targets.${name}`, date);
    if (date < agreedOn) {
      throw new DomainRuleError(
        MissionRules.targetBeforeAgreement,
        `targets.${name} ${date} is before the agreement that states it, made on ${agreedOn}`,
        'unprocessable',
      );
    }
  }
  const outOfOrder = targetsOrderRefusal(agreement.targets);
  if (outOfOrder !== undefined) {
    throw new DomainRuleError(MissionRules.targetsOutOfOrder, outOfOrder, 'unprocessable');
  }
  if (state.status !== 'unplanned' && state.status !== 'closed') {
    requireTargetsInForceInOrder(state, agreement);
  }

  const common = {
    missionId: data.missionId,
    targets: agreement.targets,
    plannedOn: agreement.plannedOn,
    agreedOn: agreement.agreedOn,
    occurredOn: agreement.plannedOn,
  };
  if (state.status === 'unplanned') {
    return [
      {
        type: 'MissionPlanned',
        data: {
          ...common,
          sendingState: data.sendingState,
          receivingState: data.receivingState,
          city: data.city,
          source,
        },
      },
    ];
  }
  if (state.status === 'closed') {
    return [
      {
        type: 'MissionReestablished',
        data: {
          ...common,
          source,
          lifecycle: state.lifecycle + 1,
          previousClosedOn: state.closedOn,
        },
      },
    ];
  }
  if (source !== null) return [{ type: 'MissionSourceLinked', data: { ...common, source } }];
  // Recorded when it changes the targets in force now or on its own date (a late-recorded
  // revision that later agreements have since overridden is still what was agreed then).
  const date = agreementDateOf(agreement);
  const unchanged =
    sameTargets(targetsInForce([...state.agreements, agreement]), state.targets) &&
    sameTargets(
      targetsInForceOn([...state.agreements, agreement], date),
      targetsInForceOn(state.agreements, date),
    ) &&
    date >= state.agreedOn;
  return unchanged ? [] : [{ type: 'MissionPlanRevised', data: common }];
}

/** The targets in force on `date`: the agreements made by then. */
function targetsInForceOn(agreements: readonly MissionAgreement[], date: IsoDate): MissionTargets {
  return targetsInForce(agreements.filter((agreement) => agreementDateOf(agreement) <= date));
}

/**
 * A plan citing a source meeting agrees what that meeting agreed: not before it was held, and
 * with the targets its outcome set for the mission (a target it left open may be stated).
 * Returns the targets the plan carries: the outcome's, completed by the plan's own.
 */
function targetsAgreedWith(
  source: MissionSource,
  agreement: SourceAgreement,
  data: PlanMission['data'],
): MissionTargetsInput {
  const agreedOn = data.agreedOn ?? data.plannedOn;
  if (agreedOn < agreement.heldOn) {
    throw new DomainRuleError(
      MissionRules.agreementBeforeSource,
      `agreedOn ${agreedOn} is before meeting ${source.meetingId} was held on ${agreement.heldOn}: a mission is not agreed before the meeting that agreed it`,
      'unprocessable',
    );
  }
  const targets = { ...data.targets };
  for (const name of ['temporaryOfficeBy', 'embassyBy'] as const) {
    const agreed = agreement.targets[name];
    if (agreed === null) continue;
    const own = data.targets?.[name];
    if (own !== undefined && own !== null && own !== agreed) {
      throw new DomainRuleError(
        MissionRules.targetsDifferFromSource,
        `targets.${name} ${own} is not the ${agreed} that outcome ${source.outcomeId} of meeting ${source.meetingId} set: cite the meeting with its own targets, or plan without it`,
        'unprocessable',
      );
    }
    targets[name] = agreed;
  }
  return targets;
}

/**
 * A target an agreement leaves out stays as agreed before it, so the two in force must still be
 * in order with it, from its date on: as of its own date (the agreements dated up to it, then
 * it) and as of each later agreement's. An older agreement recorded late is judged on what was
 * in force on its date, not only on what the later agreements leave in force.
 */
function requireTargetsInForceInOrder(mission: PlannedMission, agreement: MissionAgreement): void {
  const from = agreementDateOf(agreement);
  const later = mission.agreements.map(agreementDateOf).filter((date) => date > from);
  const dates = [...new Set([from, ...later])].sort((a, b) => a.localeCompare(b));
  for (const on of dates) {
    const refusal = targetsOrderRefusal(targetsInForceOn([...mission.agreements, agreement], on));
    if (refusal !== undefined) {
      throw new DomainRuleError(
        MissionRules.targetsOutOfOrder,
        `with this agreement, the targets in force on ${on} would be out of order: ${refusal}`,
        'unprocessable',
      );
    }
  }
}

/** The stated targets that differ from the ones in force (the others as not stated). */
function targetsChanged(stated: MissionTargets, inForce: MissionTargets): MissionTargets {
  return {
    temporaryOfficeBy:
      stated.temporaryOfficeBy === inForce.temporaryOfficeBy ? null : stated.temporaryOfficeBy,
    embassyBy: stated.embassyBy === inForce.embassyBy ? null : stated.embassyBy,
  };
}

/**
 * Whether a revision, its restated targets left out, changes no target and is not dated
 * before the mission was agreed: nothing to record.
 */
function restatesPlan(mission: PlannedMission, revision: MissionAgreement): boolean {
  return (
    agreementDateOf(revision) >= mission.agreedOn && targetDatesOf(revision.targets).length === 0
  );
}

/** The targets a plan states that its source's outcome left open; undefined if it states none. */
function targetsLeftOpen(
  agreement: SourceAgreement,
  stated: MissionTargetsInput | undefined,
): MissionTargets | undefined {
  const leftOpen = (name: keyof MissionTargets) =>
    agreement.targets[name] === null ? (stated?.[name] ?? null) : null;
  const open = {
    temporaryOfficeBy: leftOpen('temporaryOfficeBy'),
    embassyBy: leftOpen('embassyBy'),
  };
  return open.temporaryOfficeBy === null && open.embassyBy === null ? undefined : open;
}

function dispatchDiplomat(command: DispatchDiplomat, mission: UnclosedMission): MissionEvent[] {
  const { data, metadata } = command;
  if (mission.diplomats.some((diplomat) => diplomat.diplomatId === data.diplomatId)) {
    throw new DomainRuleError(
      MissionRules.diplomatAlreadyDispatched,
      `diplomat ${data.diplomatId} was already dispatched to mission ${mission.missionId}`,
    );
  }
  requireMilestoneDate(mission, 'dispatchedOn', data.dispatchedOn, metadata.today, 'opening-team');
  const expectedArrivalOn = data.expectedArrivalOn ?? null;
  if (expectedArrivalOn !== null) {
    requireDate('expectedArrivalOn', expectedArrivalOn);
    if (expectedArrivalOn < data.dispatchedOn) {
      throw new DomainRuleError(
        MissionRules.expectedArrivalBeforeDispatch,
        `expected arrival ${expectedArrivalOn} is before the dispatch on ${data.dispatchedOn}`,
        'unprocessable',
      );
    }
  }
  return [
    {
      type: 'DiplomatDispatched',
      data: {
        missionId: mission.missionId,
        diplomatId: data.diplomatId,
        name: data.name,
        title: data.title,
        role: data.role,
        rank: rankOf(data.title, data.rank),
        dispatchedOn: data.dispatchedOn,
        expectedArrivalOn,
        occurredOn: data.dispatchedOn,
      },
    },
  ];
}

function recordDiplomatArrival(
  command: RecordDiplomatArrival,
  mission: UnclosedMission,
): MissionEvent[] {
  const { data, metadata } = command;
  const diplomat = mission.diplomats.find((d) => d.diplomatId === data.diplomatId);
  if (diplomat === undefined && mission.earlierDiplomatIds.includes(data.diplomatId)) {
    throw new DomainRuleError(
      MissionRules.diplomatOfEarlierLifecycle,
      `diplomat ${data.diplomatId} was dispatched to mission ${mission.missionId} before its closure on ${mission.previousClosedOn}: that posting ended with it; dispatch the diplomat again to the re-established mission`,
    );
  }
  if (diplomat === undefined) throw notDispatched(mission);
  if (diplomat.arrivedOn !== null) {
    throw new DomainRuleError(
      MissionRules.diplomatAlreadyArrived,
      `diplomat ${data.diplomatId} already arrived on ${diplomat.arrivedOn}`,
    );
  }
  requireMilestoneDate(mission, 'arrivedOn', data.arrivedOn, metadata.today, 'opening-team');
  if (data.arrivedOn < diplomat.dispatchedOn) {
    throw new DomainRuleError(
      MissionRules.arrivalBeforeDispatch,
      `arrival on ${data.arrivedOn} is before the dispatch on ${diplomat.dispatchedOn}`,
      'unprocessable',
    );
  }
  return [
    {
      type: 'DiplomatArrived',
      data: {
        missionId: mission.missionId,
        diplomatId: data.diplomatId,
        arrivedOn: data.arrivedOn,
        occurredOn: data.arrivedOn,
      },
    },
  ];
}

function openTemporaryOffice(
  command: OpenTemporaryOffice,
  mission: UnclosedMission,
): MissionEvent[] {
  const { data, metadata } = command;
  if (mission.temporaryOffice !== null) {
    throw new DomainRuleError(
      MissionRules.temporaryOfficeAlreadyOpen,
      `the temporary office already opened on ${mission.temporaryOffice.openedOn}`,
    );
  }
  requireMilestoneDate(mission, 'openedOn', data.openedOn, metadata.today);
  // A temporary office recorded late, dated before the embassy opened, is a fact like any other;
  // from the embassy's opening day on, the embassy is open and no temporary office opens.
  if (mission.embassy !== null && data.openedOn >= mission.embassy.openedOn) {
    throw new DomainRuleError(
      MissionRules.embassyAlreadyOpen,
      `the embassy opened on ${mission.embassy.openedOn}: no temporary office from that day on`,
    );
  }
  requireSomeoneOnPost(mission, data.openedOn, 'the temporary office');
  return [
    {
      type: 'TemporaryOfficeOpened',
      data: {
        missionId: mission.missionId,
        openedOn: data.openedOn,
        address: data.address ?? null,
        occurredOn: data.openedOn,
      },
    },
  ];
}

/** Opening the embassy does not need an accredited head of mission (a chargé a.i. heads it). */
function openEmbassy(command: OpenEmbassy, mission: UnclosedMission): MissionEvent[] {
  const { data, metadata } = command;
  if (mission.embassy !== null) {
    throw new DomainRuleError(
      MissionRules.embassyAlreadyOpen,
      `the embassy already opened on ${mission.embassy.openedOn}`,
    );
  }
  requireMilestoneDate(mission, 'openedOn', data.openedOn, metadata.today);
  if (mission.temporaryOffice !== null && data.openedOn < mission.temporaryOffice.openedOn) {
    throw new DomainRuleError(
      MissionRules.embassyBeforeTemporaryOffice,
      `the embassy cannot open on ${data.openedOn}, before the temporary office opened on ${mission.temporaryOffice.openedOn}`,
      'unprocessable',
    );
  }
  requireSomeoneOnPost(mission, data.openedOn, 'the embassy');
  return [
    {
      type: 'EmbassyOpened',
      data: {
        missionId: mission.missionId,
        openedOn: data.openedOn,
        address: data.address ?? null,
        occurredOn: data.openedOn,
      },
    },
  ];
}

function suspendOperations(command: SuspendOperations, mission: PlannedMission): MissionEvent[] {
  const { data, metadata } = command;
  requireNotClosed(mission);
  if (mission.status === 'suspended') {
    throw new DomainRuleError(
      MissionRules.alreadySuspended,
      `mission ${mission.missionId} is already suspended`,
    );
  }
  requireTransitionDate(mission, 'on', data.on, metadata.today);
  return [
    {
      type: 'OperationsSuspended',
      data: {
        missionId: mission.missionId,
        suspendedOn: data.on,
        reason: data.reason,
        occurredOn: data.on,
      },
    },
  ];
}

function resumeOperations(command: ResumeOperations, mission: PlannedMission): MissionEvent[] {
  const { data, metadata } = command;
  requireNotClosed(mission);
  if (mission.status !== 'suspended') {
    throw new DomainRuleError(
      MissionRules.notSuspended,
      `mission ${mission.missionId} is not suspended`,
    );
  }
  requireTransitionDate(mission, 'on', data.on, metadata.today);
  return [
    {
      type: 'OperationsResumed',
      data: { missionId: mission.missionId, resumedOn: data.on, occurredOn: data.on },
    },
  ];
}

function closeMission(command: CloseMission, mission: PlannedMission): MissionEvent[] {
  const { data, metadata } = command;
  requireNotClosed(mission);
  requireTransitionDate(mission, 'on', data.on, metadata.today);
  const headsLatestOn = metadata.headsLatestOn ?? null;
  if (headsLatestOn !== null && data.on < headsLatestOn) {
    throw new DomainRuleError(
      MissionRules.dateBeforeLatestMilestone,
      `on ${data.on} is before ${headsLatestOn}, the latest date on the record of mission ${mission.missionId}'s heads of mission (a nominee's step or a chargé d'affaires): the mission was open then`,
      'unprocessable',
    );
  }
  return [
    {
      type: 'MissionClosed',
      data: {
        missionId: mission.missionId,
        closedOn: data.on,
        reason: data.reason,
        occurredOn: data.on,
      },
    },
  ];
}

// ---- guards -------------------------------------------------------------------------------

function planned(state: MissionState): PlannedMission {
  if (state.status === 'unplanned') {
    throw new DomainRuleError(
      MissionRules.notPlanned,
      'this mission was never planned: nothing can happen to it',
      'not-found',
    );
  }
  return state;
}

/**
 * A planned mission that `diplomatId` names a diplomat of, dispatched in this lifecycle or an
 * earlier one. A diplomat it never had does not exist: that is a 404 before anything the
 * mission's status refuses (suspended, closed), as it is on an operating mission, so a stale
 * If-Match is not evaluated either (the runner's 404-before-412). A diplomat it had is then
 * judged by the rest: closed or suspended (409), of an earlier lifecycle (409).
 */
function everDispatched(state: MissionState, diplomatId: string): PlannedMission {
  const mission = planned(state);
  const known =
    mission.diplomats.some((diplomat) => diplomat.diplomatId === diplomatId) ||
    mission.earlierDiplomatIds.includes(diplomatId);
  if (!known) throw notDispatched(mission);
  return mission;
}

/** The id is the path's: not repeated here, where it could be any text a client sent. */
function notDispatched(mission: PlannedMission): DomainRuleError {
  return new DomainRuleError(
    MissionRules.diplomatNotDispatched,
    `no such diplomat was dispatched to mission ${mission.missionId}`,
    'not-found',
  );
}

/**
 * A planned mission, not closed, that was operating on `date`, the date of a milestone. A
 * suspended mission takes a milestone dated before its suspension began (a fact recorded late,
 * judged as on the operating mission) and stays suspended; one dated on or after that day waits
 * for operations to resume.
 */
function operatingOn(state: MissionState, field: string, date: IsoDate): UnclosedMission {
  const mission = planned(state);
  requireNotClosed(mission);
  if (mission.status === 'suspended') {
    // The last suspension is the one that lasts. Its first day is judged as it is once the
    // mission resumes (date-during-suspension refuses only the days after it): taken.
    const { suspendedOn } = mission.suspensions[mission.suspensions.length - 1];
    if (date > suspendedOn) {
      throw new DomainRuleError(
        MissionRules.suspended,
        `mission ${mission.missionId} is suspended since ${suspendedOn}: ${field} ${date} is after that; only resuming or closing it, an agreement, or what happened by the day of the suspension can be recorded`,
      );
    }
  }
  return mission;
}

function requireNotClosed<M extends PlannedMission>(
  mission: M,
): asserts mission is Exclude<M, { status: 'closed' }> {
  if (mission.status === 'closed') {
    throw new DomainRuleError(
      MissionRules.closed,
      `mission ${mission.missionId} was closed on ${mission.closedOn}: it accepts nothing further until a new agreement re-establishes it`,
    );
  }
}

function requireIdentity({ data }: PlanMission): void {
  for (const [field, code] of [
    ['sendingState', data.sendingState],
    ['receivingState', data.receivingState],
  ] as const) {
    if (!isStateCode(code)) {
      throw new DomainRuleError(
        MissionRules.invalidStateCode,
        `${field} ${JSON.stringify(code)} is not an upper-case ISO 3166-1 alpha-2 code`,
        'unprocessable',
      );
    }
  }
  const [invalid] = missionIdentityRefusals(data);
  if (invalid !== undefined) throw invalidField(invalid);
  const expected = missionIdOf(data.sendingState, data.receivingState, data.city);
  if (data.missionId !== expected) {
    throw new DomainRuleError(
      MissionRules.missionIdMismatch,
      `the mission of ${data.sendingState} in ${data.city} (${data.receivingState}) is ${expected}, not ${data.missionId}`,
      'unprocessable',
    );
  }
}

/** Whether this outcome is already behind the mission, in this lifecycle or an earlier one. */
export function isLinked(mission: PlannedMission, source: MissionSource): boolean {
  return (
    mission.agreements.some((agreement) => sameSource(source, agreement.source)) ||
    mission.earlierSources.some((other) => sameSource(source, other))
  );
}

function sameSource(source: MissionSource, other: MissionSource | null): boolean {
  return (
    other !== null && other.meetingId === source.meetingId && other.outcomeId === source.outcomeId
  );
}

/**
 * A linked outcome that states a target it left open revises the lifecycle it agreed, and only
 * while that lifecycle is open: on a closed mission it would re-establish it from an agreement
 * of the lifecycle that closed (409, as any agreement from before the closure), and once the
 * mission is re-established an outcome of an earlier lifecycle belongs to the one that ended
 * (422, as any agreement from before the closure).
 */
function requireOfCurrentLifecycle(
  mission: PlannedMission,
  source: MissionSource,
  open: MissionTargets,
): void {
  const cited = `outcome ${source.outcomeId} of meeting ${source.meetingId}`;
  const stated = targetDatesOf(open)
    .map(({ name }) => `targets.${name}`)
    .join(' and ');
  if (mission.status === 'closed') {
    throw new DomainRuleError(
      MissionRules.closed,
      `mission ${mission.missionId} was closed on ${mission.closedOn}: ${cited} is behind a lifecycle that closed, so ${stated} stated through it re-establishes nothing; only a new agreement calls for the mission again`,
    );
  }
  if (!mission.agreements.some((agreement) => sameSource(source, agreement.source))) {
    throw new DomainRuleError(
      MissionRules.agreementBeforeClosure,
      `${cited} is behind a lifecycle of mission ${mission.missionId} that had ended by its closure on ${mission.previousClosedOn}: ${stated} stated through it belongs to that lifecycle, not to the one re-established since`,
      'unprocessable',
    );
  }
}

/**
 * Closed is final: only an agreement made on or after the closure re-establishes a closed
 * mission, and a re-established lifecycle takes no agreement from before it.
 */
function requireAfterClosure(mission: PlannedMission, agreement: MissionAgreement): void {
  const date = agreementDateOf(agreement);
  if (mission.status === 'closed' && date < mission.closedOn) {
    throw new DomainRuleError(
      MissionRules.closed,
      `mission ${mission.missionId} was closed on ${mission.closedOn}: an agreement of ${date}, made before the closure, cannot re-establish it`,
    );
  }
  if (mission.previousClosedOn !== null && date < mission.previousClosedOn) {
    throw new DomainRuleError(
      MissionRules.agreementBeforeClosure,
      `an agreement of ${date} is from before mission ${mission.missionId} closed on ${mission.previousClosedOn}; it belongs to the lifecycle that ended then`,
      'unprocessable',
    );
  }
}

/**
 * How far ahead of the recorded agreement an opening team may be dispatched and arrive.
 * The meeting that records an agreement often confirms talks already under way: in the
 * seed case the Korean diplomat left for Havana days before the 2024-06-12 meeting and
 * the Cuban diplomat arrived in Seoul on 2024-05-12, a month before it. Premises never
 * open before the agreement.
 */
export const OPENING_TEAM_LEAD_DAYS = 31;

function requireNotBeforeAgreement(
  mission: PlannedMission,
  field: string,
  date: IsoDate,
  milestone: 'opening-team' | 'other' = 'other',
): void {
  if (mission.previousClosedOn !== null && date < mission.previousClosedOn) {
    throw new DomainRuleError(
      MissionRules.dateBeforeAgreement,
      `${field} ${date} is before mission ${mission.missionId} was re-established after its closure on ${mission.previousClosedOn}`,
      'unprocessable',
    );
  }
  const beforeAgreement =
    date < mission.agreedOn &&
    (milestone !== 'opening-team' || date < daysBefore(mission.agreedOn, OPENING_TEAM_LEAD_DAYS));
  if (beforeAgreement) {
    const lead =
      milestone === 'opening-team'
        ? ` (an opening team may go up to ${OPENING_TEAM_LEAD_DAYS} days ahead)`
        : '';
    throw new DomainRuleError(
      MissionRules.dateBeforeAgreement,
      `${field} ${date} is before mission ${mission.missionId} was agreed on ${mission.agreedOn}${lead}`,
      'unprocessable',
    );
  }
}

/**
 * A dispatch, an arrival or an opening: a fact, not before the agreement, and not inside a
 * past suspension (nothing operated then). A date before a suspension began is accepted: facts
 * may be recorded late.
 */
function requireMilestoneDate(
  mission: UnclosedMission,
  field: string,
  date: IsoDate,
  today: IsoDate,
  milestone: 'opening-team' | 'other' = 'other',
): void {
  requireFact(field, date, today);
  requireNotBeforeAgreement(mission, field, date, milestone);
  const during = mission.suspensions.find(
    (suspension) =>
      suspension.resumedOn !== null && date > suspension.suspendedOn && date < suspension.resumedOn,
  );
  if (during !== undefined) {
    throw new DomainRuleError(
      MissionRules.dateDuringSuspension,
      `${field} ${date} falls while operations were suspended (${during.suspendedOn} to ${during.resumedOn})`,
      'unprocessable',
    );
  }
}

/** A suspension, resumption or closure: a fact, not before anything already recorded. */
function requireTransitionDate(
  mission: PlannedMission,
  field: string,
  date: IsoDate,
  today: IsoDate,
): void {
  requireFact(field, date, today);
  requireNotBeforeAgreement(mission, field, date);
  if (mission.latestMilestoneOn !== null && date < mission.latestMilestoneOn) {
    throw new DomainRuleError(
      MissionRules.dateBeforeLatestMilestone,
      `${field} ${date} is before the mission's latest milestone on ${mission.latestMilestoneOn}`,
      'unprocessable',
    );
  }
}

function requireSomeoneOnPost(mission: UnclosedMission, date: IsoDate, what: string): void {
  if (onPostBy(mission, date).length === 0) {
    const [first, ...others] = mission.diplomats.flatMap((d) =>
      d.arrivedOn === null ? [] : [d.arrivedOn],
    );
    throw new DomainRuleError(
      MissionRules.nobodyOnPost,
      first === undefined
        ? `${what} cannot open before someone is on post: no diplomat has arrived`
        : `${what} cannot open on ${date}: the first diplomat arrived on ${earliestOf(first, ...others)}`,
    );
  }
}
