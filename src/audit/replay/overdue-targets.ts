import type { IsoDate } from '../../shared/iso-date.js';
import type { MissionState } from '../../missions/domain/mission.state.js';

export type OverdueTarget = 'temporary-office' | 'embassy';

/**
 * The targets overdue on `today`: the target date has passed and its milestone is not
 * reached (an embassy counts for the temporary office too); a closed mission owes nothing.
 * The rule the mission status read model applies, on the domain state.
 */
export function overdueTargets(mission: MissionState, today: IsoDate): OverdueTarget[] {
  if (mission.status === 'unplanned' || mission.status === 'closed') return [];
  const overdue: OverdueTarget[] = [];
  const { temporaryOfficeBy, embassyBy } = mission.targets;
  if (
    temporaryOfficeBy !== null &&
    temporaryOfficeBy < today &&
    mission.temporaryOffice === null &&
    mission.embassy === null
  ) {
    overdue.push('temporary-office');
  }
  if (embassyBy !== null && embassyBy < today && mission.embassy === null) overdue.push('embassy');
  return overdue;
}
