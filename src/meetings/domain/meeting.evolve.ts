import type { MeetingEvent } from './meeting.events.js';
import type { MeetingState } from './meeting.state.js';

/** Folds one event into the meeting's state. */
export function evolveMeeting(state: MeetingState, event: MeetingEvent): MeetingState {
  switch (event.type) {
    case 'MeetingRecorded':
      return { ...event.data, status: 'recorded', missionsNotPlanned: [] };
    case 'MissionNotPlannedFromMeeting': {
      if (state.status !== 'recorded') return state;
      const { missionId, path, rule, detail } = event.data;
      return {
        ...state,
        missionsNotPlanned: [...state.missionsNotPlanned, { missionId, path, rule, detail }],
      };
    }
    default: {
      const unknown: never = event;
      return unknownEvent(unknown, state);
    }
  }
}

/** An event type this code does not know (a newer writer): the state is left as it was. */
function unknownEvent(_event: never, state: MeetingState): MeetingState {
  return state;
}
