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

export type MeetingEvent = MeetingRecorded;
