import type { IsoDate } from '../../shared/iso-date.js';

/** Why a head's functions ended. */
export type FunctionsEndReason = 'recalled' | 'persona-non-grata' | 'end-of-term' | 'other';

export const FUNCTIONS_END_REASONS: readonly FunctionsEndReason[] = [
  'recalled',
  'persona-non-grata',
  'end-of-term',
  'other',
];

/** The steps of the track, in the order a nominee moves through them. */
export type HeadOfMissionProgress =
  | 'nominated'
  | 'agrement-requested'
  | 'agrement-granted'
  | 'appointed'
  | 'arrived'
  | 'copy-of-credentials-presented'
  | 'credentials-presented';

/** Where a nominee's track stands: the furthest step reached, or how it ended. */
export type HeadOfMissionStage = HeadOfMissionProgress | 'agrement-refused' | 'functions-ended';

export const HEAD_OF_MISSION_STAGES: readonly HeadOfMissionStage[] = [
  'nominated',
  'agrement-requested',
  'agrement-granted',
  'appointed',
  'arrived',
  'copy-of-credentials-presented',
  'credentials-presented',
  'agrement-refused',
  'functions-ended',
];

export type AgrementRefusal = {
  readonly refusedOn: IsoDate;
  /** The receiving state need give no reason (VCDR art. 4(2)). */
  readonly reason: string | null;
};

export type EndOfFunctions = {
  readonly endedOn: IsoDate;
  readonly reason: FunctionsEndReason;
  readonly note: string | null;
};

/** Everything recorded about one nominee; a date is null until its step is recorded. */
export type HeadOfMissionRecord = {
  readonly headOfMissionId: string;
  readonly missionId: string;
  readonly name: string;
  readonly title: string;
  readonly nominatedOn: IsoDate;
  readonly agrementRequestedOn: IsoDate | null;
  readonly agrementGrantedOn: IsoDate | null;
  readonly agrementRefusal: AgrementRefusal | null;
  readonly appointedOn: IsoDate | null;
  readonly arrivedOn: IsoDate | null;
  readonly copyOfCredentialsPresentedOn: IsoDate | null;
  /** Functions commence on this date; it is the head's precedence date (VCDR art. 13, 16). */
  readonly credentialsPresentedOn: IsoDate | null;
  readonly functionsEnded: EndOfFunctions | null;
};

export type NotNominated = { readonly stage: 'not-nominated' };

export type HeadOfMission = HeadOfMissionRecord & { readonly stage: HeadOfMissionStage };

export type HeadOfMissionState = NotNominated | HeadOfMission;

export function initialHeadOfMissionState(): HeadOfMissionState {
  return { stage: 'not-nominated' };
}

/**
 * The stage the facts amount to: ended or refused override; otherwise the furthest step
 * recorded (facts may be recorded late and out of order).
 */
export function stageOf(record: HeadOfMissionRecord): HeadOfMissionStage {
  if (record.functionsEnded !== null) return 'functions-ended';
  if (record.agrementRefusal !== null) return 'agrement-refused';
  if (record.credentialsPresentedOn !== null) return 'credentials-presented';
  if (record.copyOfCredentialsPresentedOn !== null) return 'copy-of-credentials-presented';
  if (record.arrivedOn !== null) return 'arrived';
  if (record.appointedOn !== null) return 'appointed';
  if (record.agrementGrantedOn !== null) return 'agrement-granted';
  if (record.agrementRequestedOn !== null) return 'agrement-requested';
  return 'nominated';
}

/** The latest date recorded on the track. */
export function latestStepOn(record: HeadOfMissionRecord): IsoDate {
  return [
    record.nominatedOn,
    record.agrementRequestedOn,
    record.agrementGrantedOn,
    record.agrementRefusal?.refusedOn ?? null,
    record.appointedOn,
    record.arrivedOn,
    record.copyOfCredentialsPresentedOn,
    record.credentialsPresentedOn,
  ].reduce<IsoDate>((latest, date) => (date !== null && date > latest ? date : latest), '');
}
