import type { IsoDate } from '../../shared/iso-date.js';

export type RegisteredNominee = {
  readonly headOfMissionId: string;
  readonly name: string;
  readonly title: string;
  readonly nominatedOn: IsoDate;
};

export type ChargeDAffaires = {
  readonly name: string;
  readonly title: string;
  readonly designatedOn: IsoDate;
};

/** A mission's register of heads; empty until the first nomination or designation. */
export type MissionHeadsState = {
  /** In nomination order. */
  readonly nominees: readonly RegisteredNominee[];
  /** In the order designated. */
  readonly chargesDAffaires: readonly ChargeDAffaires[];
};

export function initialMissionHeadsState(): MissionHeadsState {
  return { nominees: [], chargesDAffaires: [] };
}
