import type { IsoDate } from '../../shared/iso-date.js';
import type { MissionTargets } from './mission-targets.js';
import type { MissionState } from './mission.state.js';

/** The targets that can be overdue, in the order their milestones come. */
export const OVERDUE_TARGETS = ['temporary-office', 'embassy'] as const;

export type OverdueTarget = (typeof OVERDUE_TARGETS)[number];

/** What the overdue rule reads of a planned mission: its domain state or its read-model row. */
export interface OverdueFacts {
  readonly closed: boolean;
  /** The targets in force. */
  readonly targets: MissionTargets;
  readonly temporaryOfficeOpened: boolean;
  readonly embassyOpened: boolean;
}

/**
 * The targets overdue on `today`: the target date has passed and its milestone is not
 * reached (an embassy counts for the temporary office too); a closed mission owes nothing.
 * The mission status read model filters by the same rule written in SQL.
 */
export function overdueTargets(mission: OverdueFacts, today: IsoDate): OverdueTarget[] {
  if (mission.closed) return [];
  const overdue: OverdueTarget[] = [];
  const { temporaryOfficeBy, embassyBy } = mission.targets;
  if (
    temporaryOfficeBy !== null &&
    temporaryOfficeBy < today &&
    !mission.temporaryOfficeOpened &&
    !mission.embassyOpened
  ) {
    overdue.push('temporary-office');
  }
  if (embassyBy !== null && embassyBy < today && !mission.embassyOpened) overdue.push('embassy');
  return overdue;
}

/** The targets overdue on `today`, on the domain state: a mission not planned owes nothing. */
export function overdueTargetsOf(mission: MissionState, today: IsoDate): OverdueTarget[] {
  if (mission.status === 'unplanned') return [];
  return overdueTargets(
    {
      closed: mission.status === 'closed',
      targets: mission.targets,
      temporaryOfficeOpened: mission.temporaryOffice !== null,
      embassyOpened: mission.embassy !== null,
    },
    today,
  );
}
