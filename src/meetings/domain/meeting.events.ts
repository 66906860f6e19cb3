import type { DomainEvent } from '../../shared/domain-event.js';
import type { IsoDate } from '../../shared/iso-date.js';
import type { StateCode } from '../../shared/state-code.js';
import type { MissionTargets } from '../../missions/domain/mission-targets.js';
import type { MeetingParticipant } from './meeting.commands.js';

/** A mission the parties agreed to open, with its id (`missionIdOf`) and its targets. */
export type AgreedMission = {
  missionId: string;
  sendingState: StateCode;
  receivingState: StateCode;
  city: string;
  targets: MissionTargets;
};

export type MeetingOutcome =
  | {
      outcomeId: string;
      kind: 'establish-missions';
      summary: string;
      missions: AgreedMission[];
    }
  | {
      outcomeId: string;
      kind: 'cooperation';
      summary: string;
      areas: string[];
    }
  | {
      outcomeId: string;
      kind: 'other';
      summary: string;
    };

export type MeetingRecorded = DomainEvent<
  'MeetingRecorded',
  {
    meetingId: string;
    title: string;
    heldOn: IsoDate;
    place: string | null;
    parties: [StateCode, StateCode];
    participants: MeetingParticipant[];
    outcomes: MeetingOutcome[];
    /** = heldOn */
    occurredOn: IsoDate;
  }
>;

/**
 * A mission the meeting calls for that could not be planned from it when the planner handled
 * the meeting, with the mission rule that refused it (`missions/domain/mission.rules.ts`) and
 * where the meeting calls for it (`outcomes[0].missions[1]`). Recorded so that the decision is
 * a fact: a restart, a restore or another node never decides that mission again from this
 * meeting, against a mission that has moved on since.
 */
export type MissionNotPlannedFromMeeting = DomainEvent<
  'MissionNotPlannedFromMeeting',
  { meetingId: string } & MissionLeftUnplanned
>;

/** A mission a meeting calls for and could not plan, and why. */
export type MissionLeftUnplanned = {
  missionId: string;
  path: string;
  rule: string;
  detail: string;
};

export type MeetingEvent = MeetingRecorded | MissionNotPlannedFromMeeting;
