import type { MissionStatusView } from '../missions/read-models/mission-status/mission-status.queries.js';

const NO_MILESTONES = '"milestones":[]';

/**
 * The JSON of a mission's view whose milestones are given as JSON text (the elements, without
 * the brackets): exactly what JSON.stringify of the view with those milestones gives, without
 * parsing and serialising them again. The view comes with `milestones: []`; no key before it
 * is named "milestones" and string values never hold an unescaped quote, so the first
 * `"milestones":[]` is that key.
 */
export function missionViewJson(view: MissionStatusView, milestonesJson: string): string {
  if (view.milestones.length > 0) throw new Error('the milestones come as JSON text');
  const json = JSON.stringify(view);
  const at = json.indexOf(NO_MILESTONES);
  return `${json.slice(0, at)}"milestones":[${milestonesJson}]${json.slice(at + NO_MILESTONES.length)}`;
}
