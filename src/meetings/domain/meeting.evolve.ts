import type { MeetingEvent } from './meeting.events.js';
import type { MeetingState } from './meeting.state.js';

/** Folds one event into the meeting's state. */
export function evolveMeeting(state: MeetingState, event: MeetingEvent): MeetingState {
  switch (event.type) {
    case 'MeetingRecorded':
      return { ...event.data, status: 'recorded' };
    default: {
      const unknown: never = event.type;
      return unknownEvent(unknown, state);
    }
  }
}

/** An event type this code does not know (a newer writer): the state is left as it was. */
function unknownEvent(_type: never, state: MeetingState): MeetingState {
  return state;
}
