/** The stream of one nominee's head-of-mission track: `head-of-mission-<headOfMissionId>`. */
export function headOfMissionStreamOf(headOfMissionId: string): string {
  return `head-of-mission-${headOfMissionId}`;
}

/**
 * The stream of one mission's register of heads: every nominee (in nomination order) and every
 * chargé d'affaires a.i. designated while the post was vacant: `heads-of-mission-<missionId>`.
 * Its category (`heads`) is not the missions' (`mission`) nor the tracks' (`head`).
 */
export function missionHeadsStreamOf(missionId: string): string {
  return `heads-of-mission-${missionId}`;
}
