import type { PlanMission } from '../../missions/domain/mission.commands.js';
import type { MeetingRecorded } from './meeting.events.js';

/** What PlanMission needs to put one mission a meeting agreed on the plan. */
export type MissionPlan = PlanMission['data'];

/**
 * The mission plans a recorded meeting calls for, one per mission of each 'establish-missions'
 * outcome, in the order recorded. Each plan's source is the outcome, and it is planned and
 * agreed on the day the meeting was held. Planning the same outcome twice links nothing new,
 * so a process manager may replay these safely.
 */
export function missionPlansOf(meeting: MeetingRecorded): MissionPlan[] {
  const { meetingId, heldOn, outcomes } = meeting.data;
  return outcomes.flatMap((outcome) =>
    outcome.kind === 'establish-missions'
      ? outcome.missions.map((mission): MissionPlan => ({
          missionId: mission.missionId,
          sendingState: mission.sendingState,
          receivingState: mission.receivingState,
          city: mission.city,
          targets: mission.targets,
          source: { meetingId, outcomeId: outcome.outcomeId },
          plannedOn: heldOn,
          agreedOn: heldOn,
        }))
      : [],
  );
}

/** Where the meeting calls for each of `missionPlansOf`'s plans: `outcomes[0].missions[1]`. */
export function missionPathsOf(meeting: MeetingRecorded): string[] {
  return meeting.data.outcomes.flatMap((outcome, i) =>
    outcome.kind === 'establish-missions'
      ? outcome.missions.map((_, j) => `outcomes[${i}].missions[${j}]`)
      : [],
  );
}
