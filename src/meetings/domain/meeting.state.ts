import type { MeetingRecorded, MissionLeftUnplanned } from './meeting.events.js';

export type UnrecordedMeeting = { readonly status: 'unrecorded' };

export type RecordedMeeting = Readonly<MeetingRecorded['data']> & {
  readonly status: 'recorded';
  /** The missions it calls for that the planner could not plan from it, in the order found. */
  readonly missionsNotPlanned: readonly MissionLeftUnplanned[];
};

export type MeetingState = UnrecordedMeeting | RecordedMeeting;

export function initialMeetingState(): MeetingState {
  return { status: 'unrecorded' };
}
