import type { RecordMeeting } from '../../src/meetings/domain/meeting.commands.js';
import type { MeetingRecorded } from '../../src/meetings/domain/meeting.events.js';

/** The seed case: the ROK–Cuba meeting in Seoul on 2024-06-12. */

export const TODAY = '2025-07-01';
export const metadata = { today: TODAY };
export const meetingId = '4b0d5c1e-6a0f-4c55-9d7e-0f2f3c6f2a11';

export function recordMeeting(data: Partial<RecordMeeting['data']> = {}): RecordMeeting {
  return {
    type: 'RecordMeeting',
    data: {
      meetingId,
      title: 'ROK-Cuba Bilateral Meeting',
      heldOn: '2024-06-12',
      place: 'Seoul',
      parties: ['KR', 'CU'],
      participants: [
        {
          name: 'Chung Byung-won',
          title: 'Deputy Minister for Political Affairs',
          state: 'KR',
        },
        {
          name: 'Carlos Miguel Pereira Hernández',
          title: 'Director General for Bilateral Affairs',
          state: 'CU',
        },
      ],
      outcomes: [
        {
          outcomeId: 'missions',
          kind: 'establish-missions',
          summary: 'Open permanent missions in both capitals as soon as possible',
          missions: [
            {
              sendingState: 'KR',
              receivingState: 'CU',
              city: 'Havana',
              targets: { temporaryOfficeBy: '2024-06-30' },
            },
            { sendingState: 'CU', receivingState: 'KR', city: 'Seoul' },
          ],
        },
        {
          outcomeId: 'cooperation',
          kind: 'cooperation',
          summary: 'Substantive cooperation',
          areas: ['trade', 'investment', 'agriculture', 'energy', 'health'],
        },
        {
          outcomeId: 'consultations',
          kind: 'other',
          summary: 'Facilitate high-level consultations between the foreign ministries',
        },
      ],
      ...data,
    },
    metadata,
  };
}

export const meetingRecorded: MeetingRecorded = {
  type: 'MeetingRecorded',
  data: {
    meetingId,
    title: 'ROK-Cuba Bilateral Meeting',
    heldOn: '2024-06-12',
    place: 'Seoul',
    parties: ['KR', 'CU'],
    participants: [
      { name: 'Chung Byung-won', title: 'Deputy Minister for Political Affairs', state: 'KR' },
      {
        name: 'Carlos Miguel Pereira Hernández',
        title: 'Director General for Bilateral Affairs',
        state: 'CU',
      },
    ],
    outcomes: [
      {
        outcomeId: 'missions',
        kind: 'establish-missions',
        summary: 'Open permanent missions in both capitals as soon as possible',
        missions: [
          {
            missionId: 'kr-cu-havana',
            sendingState: 'KR',
            receivingState: 'CU',
            city: 'Havana',
            targets: { temporaryOfficeBy: '2024-06-30', embassyBy: null },
          },
          {
            missionId: 'cu-kr-seoul',
            sendingState: 'CU',
            receivingState: 'KR',
            city: 'Seoul',
            targets: { temporaryOfficeBy: null, embassyBy: null },
          },
        ],
      },
      {
        outcomeId: 'cooperation',
        kind: 'cooperation',
        summary: 'Substantive cooperation',
        areas: ['trade', 'investment', 'agriculture', 'energy', 'health'],
      },
      {
        outcomeId: 'consultations',
        kind: 'other',
        summary: 'Facilitate high-level consultations between the foreign ministries',
      },
    ],
    occurredOn: '2024-06-12',
  },
};
