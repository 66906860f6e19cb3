import type { DomainEvent } from '../../shared/domain-event.js';
import type { IsoDate } from '../../shared/iso-date.js';
import type { FunctionsEndReason } from './head-of-mission.state.js';

/*
 * Events of one nominee's track, stream `head-of-mission-<headOfMissionId>`. Every event's
 * data carries `missionId`, `headOfMissionId` and `occurredOn`, the date the fact happened.
 */

export type HeadOfMissionNominated = DomainEvent<
  'HeadOfMissionNominated',
  {
    missionId: string;
    headOfMissionId: string;
    name: string;
    title: string;
    nominatedOn: IsoDate;
    /** = nominatedOn */
    occurredOn: IsoDate;
  }
>;

export type AgrementRequested = DomainEvent<
  'AgrementRequested',
  { missionId: string; headOfMissionId: string; requestedOn: IsoDate; occurredOn: IsoDate }
>;

export type AgrementGranted = DomainEvent<
  'AgrementGranted',
  { missionId: string; headOfMissionId: string; grantedOn: IsoDate; occurredOn: IsoDate }
>;

/** Terminal for this nominee: another must be nominated. */
export type AgrementRefused = DomainEvent<
  'AgrementRefused',
  {
    missionId: string;
    headOfMissionId: string;
    refusedOn: IsoDate;
    reason: string | null;
    occurredOn: IsoDate;
  }
>;

export type HeadOfMissionAppointed = DomainEvent<
  'HeadOfMissionAppointed',
  { missionId: string; headOfMissionId: string; appointedOn: IsoDate; occurredOn: IsoDate }
>;

export type HeadOfMissionArrived = DomainEvent<
  'HeadOfMissionArrived',
  { missionId: string; headOfMissionId: string; arrivedOn: IsoDate; occurredOn: IsoDate }
>;

export type CopyOfCredentialsPresented = DomainEvent<
  'CopyOfCredentialsPresented',
  { missionId: string; headOfMissionId: string; presentedOn: IsoDate; occurredOn: IsoDate }
>;

/** Functions commence; `presentedOn` is the head's precedence date. */
export type CredentialsPresented = DomainEvent<
  'CredentialsPresented',
  { missionId: string; headOfMissionId: string; presentedOn: IsoDate; occurredOn: IsoDate }
>;

/** Terminal: nothing further happens to this head. */
export type FunctionsEnded = DomainEvent<
  'FunctionsEnded',
  {
    missionId: string;
    headOfMissionId: string;
    endedOn: IsoDate;
    reason: FunctionsEndReason;
    note: string | null;
    occurredOn: IsoDate;
  }
>;

export type HeadOfMissionEvent =
  | HeadOfMissionNominated
  | AgrementRequested
  | AgrementGranted
  | AgrementRefused
  | HeadOfMissionAppointed
  | HeadOfMissionArrived
  | CopyOfCredentialsPresented
  | CredentialsPresented
  | FunctionsEnded;

export type HeadOfMissionEventType = HeadOfMissionEvent['type'];
