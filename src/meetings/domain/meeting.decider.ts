import type { Decider } from '../../shared/decider.js';
import type { MeetingCommand } from './meeting.commands.js';
import { decideMeeting } from './meeting.decide.js';
import type { MeetingEvent } from './meeting.events.js';
import { evolveMeeting } from './meeting.evolve.js';
import { initialMeetingState, type MeetingState } from './meeting.state.js';

/** The meeting aggregate, stream `meeting-<meetingId>`. */
export const meetingDecider: Decider<MeetingCommand, MeetingEvent, MeetingState> = {
  decide: decideMeeting,
  evolve: evolveMeeting,
  initialState: initialMeetingState,
};

/** The stream holding one meeting's events: `meeting-<meetingId>`. */
export function meetingStreamOf(meetingId: string): string {
  return `meeting-${meetingId}`;
}
