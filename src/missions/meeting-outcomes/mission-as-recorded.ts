import type { EventStore } from '../../event-store/event-store.port.js';
import { StreamNotFoundError } from '../../event-store/event-store.errors.js';
import { upcast } from '../../event-store/event-schema/upcast.js';
import { comparePositions, type Position } from '../../event-store/position.js';
import type { MissionPlan } from '../../meetings/domain/meeting-mission-plans.js';
import type { IsoDate } from '../../shared/iso-date.js';
import { DomainRuleError } from '../../shared/domain-rule.error.js';
import { missionStreamOf } from '../domain/mission-id.js';
import { isLinked } from '../domain/mission.decide.js';
import { missionDecider } from '../domain/mission.decider.js';
import type { MissionEvent } from '../domain/mission.events.js';
import type { MissionState } from '../domain/mission.state.js';

/**
 * The mission as the log stood when a meeting was recorded (its events before `position`):
 * what the meeting could plan is judged on that, so that whenever the planner handles the
 * meeting (at once, after a restart, after a restore, on another node) it finds the same.
 */
export async function missionAsRecordedBefore(
  store: EventStore,
  missionId: string,
  position: Position,
): Promise<MissionState> {
  let state = missionDecider.initialState();
  try {
    for await (const recorded of store.readStream(missionStreamOf(missionId))) {
      if (comparePositions(recorded.position, position) >= 0) break;
      const event = upcast({ type: recorded.type, data: recorded.data }, recorded.metadata);
      state = missionDecider.evolve(state, event as MissionEvent);
    }
  } catch (error) {
    if (!(error instanceof StreamNotFoundError)) throw error;
  }
  return state;
}

/** Whether the mission has the plan's source already: nothing is left to decide from it. */
export function alreadyLinked(plan: MissionPlan, state: MissionState): boolean {
  return state.status !== 'unplanned' && plan.source != null && isLinked(state, plan.source);
}

/** The rule that refuses the plan against `state`, if one does (nothing is appended). */
export function refusalOf(
  plan: MissionPlan,
  state: MissionState,
  today: IsoDate,
): DomainRuleError | undefined {
  try {
    missionDecider.decide({ type: 'PlanMission', data: plan, metadata: { today } }, state);
    return undefined;
  } catch (error) {
    if (error instanceof DomainRuleError) return error;
    throw error;
  }
}
