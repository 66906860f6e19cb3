import type { Decider } from '../../shared/decider.js';
import type { HeadOfMissionCommand } from './head-of-mission.commands.js';
import { decideHeadOfMission } from './head-of-mission.decide.js';
import type { HeadOfMissionEvent } from './head-of-mission.events.js';
import { evolveHeadOfMission } from './head-of-mission.evolve.js';
import { initialHeadOfMissionState, type HeadOfMissionState } from './head-of-mission.state.js';

/** One nominee's head-of-mission track, stream `head-of-mission-<headOfMissionId>`. */
export const headOfMissionDecider: Decider<
  HeadOfMissionCommand,
  HeadOfMissionEvent,
  HeadOfMissionState
> = {
  decide: decideHeadOfMission,
  evolve: evolveHeadOfMission,
  initialState: initialHeadOfMissionState,
};
