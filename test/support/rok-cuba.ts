/** The 2024-06-12 ROK–Cuba meeting, as staff would record it. */
export const ROK_CUBA_MEETING = {
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
