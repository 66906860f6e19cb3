import type { Decider } from '../../shared/decider.js';
import type { MissionHeadsCommand } from './mission-heads.commands.js';
import { decideMissionHeads } from './mission-heads.decide.js';
import type { MissionHeadsEvent } from './mission-heads.events.js';
import { evolveMissionHeads } from './mission-heads.evolve.js';
import { initialMissionHeadsState, type MissionHeadsState } from './mission-heads.state.js';

/** A mission's register of heads, stream `heads-of-mission-<missionId>`. */
export const missionHeadsDecider: Decider<
  MissionHeadsCommand,
  MissionHeadsEvent,
  MissionHeadsState
> = {
  decide: decideMissionHeads,
  evolve: evolveMissionHeads,
  initialState: initialMissionHeadsState,
};
