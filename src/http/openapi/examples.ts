/**
 * Request examples from the 2024-06-12 ROK–Cuba meeting (the case test/support/rok-cuba.ts
 * records): what staff would send.
 */
export const ROK_CUBA_MEETING_EXAMPLE = {
  title: 'ROK–Cuba bilateral meeting',
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
      kind: 'cooperation',
      summary: 'Substantive cooperation',
      areas: ['trade', 'investment', 'agriculture', 'energy', 'health'],
    },
  ],
};

/** Planning the Havana mission by hand, from the meeting's first outcome. */
export const PLAN_HAVANA_EXAMPLE = {
  sendingState: 'KR',
  receivingState: 'CU',
  city: 'Havana',
  targets: { temporaryOfficeBy: '2024-06-30' },
  source: { meetingId: '8d5e3f2a-6b1c-4d7e-9f0a-1b2c3d4e5f60', outcomeId: 'outcome-1' },
};

/** Planning without a meeting: the agreement date is stated. */
export const PLAN_SEOUL_EXAMPLE = {
  sendingState: 'CU',
  receivingState: 'KR',
  city: 'Seoul',
  agreedOn: '2024-06-12',
};
