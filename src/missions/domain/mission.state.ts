import { earliestOf, type IsoDate } from '../../shared/iso-date.js';
import type { StateCode } from '../../shared/state-code.js';
import type { DiplomaticRank } from './diplomatic-rank.js';
import type { DiplomatRole, MissionSource } from './mission.commands.js';
import type { MissionEvent } from './mission.events.js';
import { NO_TARGETS, overrideTargets, type MissionTargets } from './mission-targets.js';

/** The statuses a mission moves through while it operates. */
export type ActiveMissionStatus =
  | 'planned'
  | 'opening-team-dispatched'
  | 'opening-team-on-post'
  | 'temporary-office-open'
  | 'embassy-open';

export type MissionStatus = ActiveMissionStatus | 'suspended' | 'closed';

/** Keyed by MissionStatus, so that a status added to the type or taken out of it is a type error. */
const STATUS_ORDER: Record<MissionStatus, true> = {
  planned: true,
  'opening-team-dispatched': true,
  'opening-team-on-post': true,
  'temporary-office-open': true,
  'embassy-open': true,
  suspended: true,
  closed: true,
};

/** Every status a planned mission can have, in the order it moves through them. */
export const MISSION_STATUSES = Object.keys(STATUS_ORDER) as readonly MissionStatus[];

/** One agreement behind the mission: the first plan, a linked source, or a target revision. */
export type MissionAgreement = {
  /** null for a plan or revision made without a meeting outcome. */
  readonly source: MissionSource | null;
  readonly plannedOn: IsoDate;
  readonly agreedOn: IsoDate;
  readonly targets: MissionTargets;
};

export type Diplomat = {
  readonly diplomatId: string;
  readonly name: string;
  readonly title: string;
  readonly role: DiplomatRole;
  readonly rank: DiplomaticRank;
  readonly dispatchedOn: IsoDate;
  readonly expectedArrivalOn: IsoDate | null;
  /** null while the diplomat has not arrived. */
  readonly arrivedOn: IsoDate | null;
};

export type Premises = {
  readonly openedOn: IsoDate;
  readonly address: string | null;
};

export type Suspension = {
  readonly suspendedOn: IsoDate;
  readonly reason: string;
  /** null while the suspension lasts. */
  readonly resumedOn: IsoDate | null;
};

/** What is known about a planned mission, whatever its status. */
export type MissionRecord = {
  readonly missionId: string;
  readonly sendingState: StateCode;
  readonly receivingState: StateCode;
  readonly city: string;
  /** The targets in force: per target, the one set by the latest agreement (by agreedOn). */
  readonly targets: MissionTargets;
  /** Every agreement, in the order recorded. */
  readonly agreements: readonly MissionAgreement[];
  /** When the mission was first planned. */
  readonly plannedOn: IsoDate;
  /** The earliest plannedOn / agreedOn of all agreements: no milestone may be dated before it. */
  readonly agreedOn: IsoDate;
  /** In dispatch order. */
  readonly diplomats: readonly Diplomat[];
  readonly temporaryOffice: Premises | null;
  readonly embassy: Premises | null;
  /** Every suspension, in order; the last one is open while the mission is suspended. */
  readonly suspensions: readonly Suspension[];
  /**
   * The latest date among the milestones (dispatch, arrival, openings, suspension,
   * resumption, closure); null before the first one.
   */
  readonly latestMilestoneOn: IsoDate | null;
  /** 1 for the mission as first planned; each re-establishment after a closure adds one. */
  readonly lifecycle: number;
  /** When the previous lifecycle closed (null in the first): nothing may be dated before it. */
  readonly previousClosedOn: IsoDate | null;
  /** The meeting outcomes agreements of earlier lifecycles came from (a replay links none again). */
  readonly earlierSources: readonly MissionSource[];
  /** The diplomats dispatched in earlier lifecycles: their postings ended with the closure. */
  readonly earlierDiplomatIds: readonly string[];
  /** When each earlier lifecycle closed, oldest first (the last is previousClosedOn). */
  readonly earlierClosures: readonly IsoDate[];
};

export type UnplannedMission = { readonly status: 'unplanned' };

export type ActiveMission = MissionRecord & { readonly status: ActiveMissionStatus };

export type SuspendedMission = MissionRecord & {
  readonly status: 'suspended';
  /**
   * The status the mission returns to when operations resume: the one its facts give, including
   * a milestone dated before the suspension and recorded during it.
   */
  readonly resumesAs: ActiveMissionStatus;
};

export type ClosedMission = MissionRecord & {
  readonly status: 'closed';
  readonly closedOn: IsoDate;
  readonly closureReason: string;
};

export type PlannedMission = ActiveMission | SuspendedMission | ClosedMission;

/** A planned mission that is not closed: operating, or suspended. */
export type UnclosedMission = ActiveMission | SuspendedMission;

export type MissionState = UnplannedMission | PlannedMission;

export function initialMissionState(): MissionState {
  return { status: 'unplanned' };
}

export function isActive(mission: PlannedMission): mission is ActiveMission {
  return mission.status !== 'suspended' && mission.status !== 'closed';
}

/**
 * The status the facts of an operating mission amount to: the furthest step reached.
 * embassy opened → 'embassy-open'; else temporary office opened → 'temporary-office-open';
 * else someone arrived → 'opening-team-on-post'; else someone dispatched →
 * 'opening-team-dispatched'; else 'planned'.
 */
export function activeStatusOf(mission: MissionRecord): ActiveMissionStatus {
  if (mission.embassy !== null) return 'embassy-open';
  if (mission.temporaryOffice !== null) return 'temporary-office-open';
  if (mission.diplomats.some((diplomat) => diplomat.arrivedOn !== null)) {
    return 'opening-team-on-post';
  }
  if (mission.diplomats.length > 0) return 'opening-team-dispatched';
  return 'planned';
}

/** The events that record an agreement: a plan, a re-establishment, a linked source, a revision. */
export type AgreementEvent = Extract<
  MissionEvent,
  {
    type: 'MissionPlanned' | 'MissionReestablished' | 'MissionSourceLinked' | 'MissionPlanRevised';
  }
>;

/** The agreement an event records, if it records one. */
export function agreementOf(event: AgreementEvent): MissionAgreement;
export function agreementOf(event: MissionEvent): MissionAgreement | null;
export function agreementOf(event: MissionEvent): MissionAgreement | null {
  switch (event.type) {
    case 'MissionPlanned':
    case 'MissionReestablished':
    case 'MissionSourceLinked': {
      const { source, plannedOn, agreedOn, targets } = event.data;
      return { source, plannedOn, agreedOn, targets };
    }
    case 'MissionPlanRevised': {
      const { plannedOn, agreedOn, targets } = event.data;
      return { source: null, plannedOn, agreedOn, targets };
    }
    default:
      return null;
  }
}

/** The date an agreement counts from: the earlier of its plannedOn and agreedOn. */
export function agreementDateOf(
  agreement: Pick<MissionAgreement, 'plannedOn' | 'agreedOn'>,
): IsoDate {
  return earliestOf(agreement.plannedOn, agreement.agreedOn);
}

/**
 * The targets in force after these agreements: agreements apply in order of their date
 * (ties: the order recorded), each overriding the targets it states. An older meeting recorded
 * late therefore does not override what a newer one set.
 */
export function targetsInForce(agreements: readonly MissionAgreement[]): MissionTargets {
  return agreements
    .map((agreement, index) => ({ agreement, index }))
    .sort(
      (a, b) =>
        agreementDateOf(a.agreement).localeCompare(agreementDateOf(b.agreement)) ||
        a.index - b.index,
    )
    .reduce((targets, { agreement }) => overrideTargets(targets, agreement.targets), NO_TARGETS);
}

/** The diplomats who had arrived on post on `date` (arrived that day or before). */
export function onPostBy(mission: MissionRecord, date: IsoDate): readonly Diplomat[] {
  return mission.diplomats.filter(
    (diplomat) => diplomat.arrivedOn !== null && diplomat.arrivedOn <= date,
  );
}
