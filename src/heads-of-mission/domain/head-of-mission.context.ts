import type { CommandMetadata } from '../../shared/command.js';
import type { IsoDate } from '../../shared/iso-date.js';
import type { HeadOfMissionStage, HeadOfMissionState } from './head-of-mission.state.js';

/*
 * A head of mission's track lives in its own stream, but some rules look beyond it: the
 * mission must be planned and not closed, and a mission has one nominee under way and one
 * head in office at a time. The command handler reads those facts from the other streams and
 * passes them in with the command, so the deciders stay pure.
 */

/** The mission as its own stream has it. */
export type MissionFacts = {
  readonly missionId: string;
  /** When the mission was agreed; null when it was never planned. */
  readonly agreedOn: IsoDate | null;
  /** null unless the mission was closed. */
  readonly closedOn: IsoDate | null;
  /**
   * When the mission's previous lifecycle closed, if it was re-established since; null in its
   * first lifecycle. Nominees and chargés d'affaires of earlier lifecycles ended with them.
   */
  readonly previousClosedOn: IsoDate | null;
  /** Every closure of the mission, oldest first: the one that ended a lifecycle ends its heads. */
  readonly closures: readonly IsoDate[];
};

/** How far one nominee the mission's register names has got, from the nominee's own stream. */
export type NomineeTenure = {
  readonly headOfMissionId: string;
  /** null while the nominee's own stream records nothing yet (its nomination is being written). */
  readonly stage: HeadOfMissionStage | null;
  /** When the head presented credentials (functions commenced); null before. */
  readonly functionsCommencedOn: IsoDate | null;
  readonly functionsEndedOn: IsoDate | null;
  /** When the receiving state refused the agrément (the end of this nominee); null otherwise. */
  readonly refusedOn: IsoDate | null;
};

/** What every head-of-mission and register command carries besides its data. */
export type HeadOfMissionMetadata = CommandMetadata & {
  readonly mission: MissionFacts;
  /** Every nominee of the mission's register, with how far each got. */
  readonly nominees: readonly NomineeTenure[];
  /**
   * When the chargés d'affaires a.i. of the mission's current lifecycle were designated: the
   * post was vacant on those dates, so no head's functions commenced on or before one of them.
   */
  readonly chargesDesignatedOn: readonly IsoDate[];
};

/**
 * Whether the nominee's track is under way: nominated (or being written) and neither
 * accredited, refused nor ended. A stage this code does not know counts as under way.
 */
export function isUnderWay(tenure: NomineeTenure): boolean {
  return (
    tenure.stage !== 'credentials-presented' &&
    tenure.stage !== 'agrement-refused' &&
    tenure.stage !== 'functions-ended'
  );
}

/** Whether the head's functions were in force on `date` (commenced that day or before, not yet ended). */
export function inOfficeOn(tenure: NomineeTenure, date: IsoDate): boolean {
  return (
    tenure.functionsCommencedOn !== null &&
    tenure.functionsCommencedOn <= date &&
    (tenure.functionsEndedOn === null || date < tenure.functionsEndedOn)
  );
}

/** What the mission's other rules need to know about this nominee. */
export function tenureOf(headOfMissionId: string, state: HeadOfMissionState): NomineeTenure {
  if (state.stage === 'not-nominated') {
    return {
      headOfMissionId,
      stage: null,
      functionsCommencedOn: null,
      functionsEndedOn: null,
      refusedOn: null,
    };
  }
  return {
    headOfMissionId,
    stage: state.stage,
    functionsCommencedOn: state.credentialsPresentedOn,
    functionsEndedOn: state.functionsEnded?.endedOn ?? null,
    refusedOn: state.agrementRefusal?.refusedOn ?? null,
  };
}

/**
 * Whether a nominee or chargé d'affaires dated `on` belongs to the mission's current lifecycle:
 * one from before the closure that ended the previous lifecycle, or from its day, ended with it
 * (a closure may be dated on the day of the record's latest fact, and a re-established
 * mission's record starts the day after the closure).
 */
export function ofCurrentLifecycle(mission: MissionFacts, on: IsoDate): boolean {
  return mission.previousClosedOn === null || on > mission.previousClosedOn;
}

/**
 * When a nominee's track ended without the head ever taking up functions (agrément refused,
 * or ended before credentials); null while under way or once functions commenced. A successor
 * is nominated on or after it: one nominee at a time holds for the dates too.
 */
export function endedBeforeOffice(tenure: NomineeTenure): IsoDate | null {
  if (tenure.refusedOn !== null) return tenure.refusedOn;
  return tenure.functionsCommencedOn === null ? tenure.functionsEndedOn : null;
}
