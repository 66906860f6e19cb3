import type { Decider } from '../../shared/decider.js';
import type { MissionCommand } from './mission.commands.js';
import { decideMission } from './mission.decide.js';
import type { MissionEvent } from './mission.events.js';
import { evolveMission } from './mission.evolve.js';
import { initialMissionState, type MissionState } from './mission.state.js';

/** The mission aggregate, stream `mission-<missionId>`. */
export const missionDecider: Decider<MissionCommand, MissionEvent, MissionState> = {
  decide: decideMission,
  evolve: evolveMission,
  initialState: initialMissionState,
};
