import { AS, dispatchDiplomat, planMission, readMission } from '../support/http-api.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** A dispatch's rank, when none is stated, is read from the words of the title that name its holder. */
describe('A dispatched diplomat’s rank read from the title', () => {
  let subject: TestApp;
  let missionId: string;

  beforeAll(async () => {
    subject = await startTestApp();
    missionId = await planMission(subject.server, 'Santiago de Cuba');
    const dispatch = (name: string, title: string, rank?: string) =>
      dispatchDiplomat(subject.server, missionId, {
        name,
        title,
        role: 'staff',
        dispatchedOn: '2024-06-20',
        ...(rank && { rank }),
      });
    await dispatch('Aoife', 'Personal Assistant to the Ambassador');
    await dispatch('Bran', 'Ambassador’s Driver');
    await dispatch('Cian', 'Driver, Office of the Minister');
    await dispatch('Dara', 'Secretary to the Minister-Counsellor');
    await dispatch('Eimear', 'Ambassador Extraordinary and Plenipotentiary');
    await dispatch('Fiadh', 'Deputy Head of Mission, Minister-Counsellor');
    await dispatch('Gráinne', 'First Secretary (Political)');
    await dispatch('Hugh', 'Personal Assistant to the Ambassador', 'third-secretary');
  });
  afterAll(() => subject.dispose());

  it('given titles whose rank word names someone else, then no grade is inferred; given titles naming the holder’s rank, then it is', async () => {
    const mission = await readMission(subject, missionId, AS.viewer);
    const ranks = Object.fromEntries(
      mission.body.diplomats.map((d: { name: string; rank: unknown }) => [d.name, d.rank]),
    );
    expect(ranks).toEqual({
      Aoife: { grade: null, inferredFromTitle: true },
      Bran: { grade: null, inferredFromTitle: true },
      Cian: { grade: null, inferredFromTitle: true },
      Dara: { grade: null, inferredFromTitle: true },
      Eimear: { grade: 'ambassador', inferredFromTitle: true },
      Fiadh: { grade: 'minister-counsellor', inferredFromTitle: true },
      Gráinne: { grade: 'first-secretary', inferredFromTitle: true },
      Hugh: { grade: 'third-secretary', inferredFromTitle: false },
    });
  });
});
