import type { DomainEvent } from '../../shared/domain-event.js';
import type { IsoDate } from '../../shared/iso-date.js';
import type { StateCode } from '../../shared/state-code.js';
import type { DiplomaticRank } from './diplomatic-rank.js';
import type { DiplomatRole, MissionSource } from './mission.commands.js';
import type { MissionTargets } from './mission-targets.js';

/*
 * Every event's data carries `missionId` and `occurredOn`, the date the fact happened (which
 * may be long before it was recorded; when and by whom it was recorded is the store's and
 * the metadata's business).
 */

export type MissionPlanned = DomainEvent<
  'MissionPlanned',
  {
    missionId: string;
    sendingState: StateCode;
    receivingState: StateCode;
    city: string;
    targets: MissionTargets;
    source: MissionSource | null;
    plannedOn: IsoDate;
    agreedOn: IsoDate;
    /** = plannedOn */
    occurredOn: IsoDate;
  }
>;

/** A further agreement (a later meeting outcome) reaffirms or re-targets a planned mission. */
export type MissionSourceLinked = DomainEvent<
  'MissionSourceLinked',
  {
    missionId: string;
    source: MissionSource;
    /** The targets this source states; those it leaves out (null) keep their earlier value. */
    targets: MissionTargets;
    plannedOn: IsoDate;
    agreedOn: IsoDate;
    /** = plannedOn */
    occurredOn: IsoDate;
  }
>;

/**
 * A plan without a source changes a planned mission: new targets, or an earlier agreement date
 * (e.g. the mission was in fact agreed at an earlier meeting nobody recorded). A plan citing a
 * source already linked records the targets it states that the source's outcome left open so.
 */
export type MissionPlanRevised = DomainEvent<
  'MissionPlanRevised',
  {
    missionId: string;
    /** The targets stated; those left out (null) keep their earlier value. */
    targets: MissionTargets;
    plannedOn: IsoDate;
    agreedOn: IsoDate;
    /** = plannedOn */
    occurredOn: IsoDate;
  }
>;

/**
 * Schema version 2: `rank` added (version 1, without it, is read through the upcaster in
 * diplomat-dispatched.v1.ts).
 */
export type DiplomatDispatched = DomainEvent<
  'DiplomatDispatched',
  {
    missionId: string;
    diplomatId: string;
    name: string;
    title: string;
    role: DiplomatRole;
    rank: DiplomaticRank;
    dispatchedOn: IsoDate;
    expectedArrivalOn: IsoDate | null;
    /** = dispatchedOn */
    occurredOn: IsoDate;
  }
>;

export type DiplomatArrived = DomainEvent<
  'DiplomatArrived',
  {
    missionId: string;
    diplomatId: string;
    arrivedOn: IsoDate;
    /** = arrivedOn */
    occurredOn: IsoDate;
  }
>;

export type TemporaryOfficeOpened = DomainEvent<
  'TemporaryOfficeOpened',
  {
    missionId: string;
    openedOn: IsoDate;
    address: string | null;
    /** = openedOn */
    occurredOn: IsoDate;
  }
>;

export type EmbassyOpened = DomainEvent<
  'EmbassyOpened',
  {
    missionId: string;
    openedOn: IsoDate;
    address: string | null;
    /** = openedOn */
    occurredOn: IsoDate;
  }
>;

export type OperationsSuspended = DomainEvent<
  'OperationsSuspended',
  {
    missionId: string;
    suspendedOn: IsoDate;
    reason: string;
    /** = suspendedOn */
    occurredOn: IsoDate;
  }
>;

export type OperationsResumed = DomainEvent<
  'OperationsResumed',
  {
    missionId: string;
    resumedOn: IsoDate;
    /** = resumedOn */
    occurredOn: IsoDate;
  }
>;

export type MissionClosed = DomainEvent<
  'MissionClosed',
  {
    missionId: string;
    closedOn: IsoDate;
    reason: string;
    /** = closedOn */
    occurredOn: IsoDate;
  }
>;

/**
 * Relations restored: a closed mission starts a new lifecycle from a new agreement (a meeting
 * outcome, or a plan made by hand), dated on or after the closure. The new lifecycle starts
 * from nothing: no diplomats, no premises (a reopened mission may go straight to its embassy);
 * the stream keeps the earlier lifecycles as history.
 */
export type MissionReestablished = DomainEvent<
  'MissionReestablished',
  {
    missionId: string;
    source: MissionSource | null;
    targets: MissionTargets;
    plannedOn: IsoDate;
    agreedOn: IsoDate;
    /** = plannedOn */
    occurredOn: IsoDate;
    /** The lifecycle this starts: 2 the first time a closed mission is re-established. */
    lifecycle: number;
    /** When the previous lifecycle closed: nothing of this one may be dated before it. */
    previousClosedOn: IsoDate;
  }
>;

export type MissionEvent =
  | MissionPlanned
  | MissionReestablished
  | MissionSourceLinked
  | MissionPlanRevised
  | DiplomatDispatched
  | DiplomatArrived
  | TemporaryOfficeOpened
  | EmbassyOpened
  | OperationsSuspended
  | OperationsResumed
  | MissionClosed;

export type MissionEventType = MissionEvent['type'];

const EVENT_TYPES: Record<MissionEventType, true> = {
  MissionPlanned: true,
  MissionSourceLinked: true,
  MissionPlanRevised: true,
  DiplomatDispatched: true,
  DiplomatArrived: true,
  TemporaryOfficeOpened: true,
  EmbassyOpened: true,
  OperationsSuspended: true,
  OperationsResumed: true,
  MissionClosed: true,
  MissionReestablished: true,
};

/** Every mission event type, e.g. for a subscription filter. */
export const MISSION_EVENT_TYPES = Object.keys(EVENT_TYPES) as readonly MissionEventType[];
