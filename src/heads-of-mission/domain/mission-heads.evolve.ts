import type { MissionHeadsEvent } from './mission-heads.events.js';
import type { MissionHeadsState } from './mission-heads.state.js';

/** Folds one event into the mission's register of heads. */
export function evolveMissionHeads(
  state: MissionHeadsState,
  event: MissionHeadsEvent,
): MissionHeadsState {
  switch (event.type) {
    case 'NomineeRegistered': {
      const { data } = event;
      if (state.nominees.some((n) => n.headOfMissionId === data.headOfMissionId)) return state;
      return {
        ...state,
        nominees: [
          ...state.nominees,
          {
            headOfMissionId: data.headOfMissionId,
            name: data.name,
            title: data.title,
            nominatedOn: data.nominatedOn,
          },
        ],
      };
    }
    case 'ChargeDAffairesDesignated': {
      const { data } = event;
      return {
        ...state,
        chargesDAffaires: [
          ...state.chargesDAffaires,
          { name: data.name, title: data.title, designatedOn: data.designatedOn },
        ],
      };
    }
    default:
      return unknownEvent(event, state);
  }
}

/** An event type this code does not know (a newer writer): the state is left as it was. */
function unknownEvent(_event: never, state: MissionHeadsState): MissionHeadsState {
  return state;
}
