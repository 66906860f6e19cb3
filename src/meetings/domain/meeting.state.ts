import type { MeetingRecorded } from './meeting.events.js';

export type UnrecordedMeeting = { readonly status: 'unrecorded' };

export type RecordedMeeting = Readonly<MeetingRecorded['data']> & { readonly status: 'recorded' };

export type MeetingState = UnrecordedMeeting | RecordedMeeting;

export function initialMeetingState(): MeetingState {
  return { status: 'unrecorded' };
}
