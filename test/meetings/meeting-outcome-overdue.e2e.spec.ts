import request from 'supertest';
import { AS } from '../support/http-api.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe("A meeting outcome's overdue targets", () => {
  let subject: TestApp;

  beforeAll(async () => {
    subject = await startTestApp();
  });
  afterAll(() => subject.dispose());

  const meeting = (heldOn: string, targets: Record<string, string>, city = 'Luanda') =>
    request(subject.server)
      .post('/api/meetings')
      .set(AS.staff)
      .send({
        title: `Brazil–Angola talks of ${heldOn}`,
        heldOn,
        parties: ['BR', 'AO'],
        outcomes: [
          {
            kind: 'establish-missions',
            summary: 'An embassy in Luanda',
            missions: [{ sendingState: 'BR', receivingState: 'AO', city, targets }],
          },
        ],
      })
      .expect(201);

  const missionOf = async (meetingId: string, minPosition: string) => {
    const progress = await request(subject.server)
      .get(`/api/meetings/${meetingId}`)
      .query({ minPosition })
      .set(AS.viewer)
      .expect(200);
    return progress.body.outcomes[0].missions[0];
  };

  it('given two meetings each setting one target, then each outcome is overdue only on its own', async () => {
    const first = await meeting('2024-01-10', { embassyBy: '2024-12-31' });
    const second = await meeting('2024-03-01', { temporaryOfficeBy: '2024-06-30' });
    const mission = await request(subject.server)
      .get('/api/missions/br-ao-luanda')
      .query({ minPosition: second.body.position })
      .set(AS.viewer)
      .expect(200);
    expect(mission.body.overdue).toEqual(['temporary-office', 'embassy']);

    expect(await missionOf(first.body.meetingId, second.body.position)).toMatchObject({
      missionId: 'br-ao-luanda',
      targets: { temporaryOfficeBy: null, embassyBy: '2024-12-31' },
      overdue: ['embassy'],
    });
    expect(await missionOf(second.body.meetingId, second.body.position)).toMatchObject({
      targets: { temporaryOfficeBy: '2024-06-30', embassyBy: null },
      overdue: ['temporary-office'],
    });
  });

  it('given a later meeting moving a target earlier, and it passed, then the first outcome, whose own date has not come, is not overdue', async () => {
    const first = await meeting('2024-01-10', { temporaryOfficeBy: '2099-01-01' }, 'Benguela');
    const second = await meeting('2024-06-01', { temporaryOfficeBy: '2024-09-01' }, 'Benguela');
    expect(await missionOf(first.body.meetingId, second.body.position)).toMatchObject({
      missionId: 'br-ao-benguela',
      targets: { temporaryOfficeBy: '2099-01-01' },
      overdue: [],
    });
    expect(await missionOf(second.body.meetingId, second.body.position)).toMatchObject({
      overdue: ['temporary-office'],
    });
  });

  it('given a later meeting moving a passed target later, then neither outcome is overdue', async () => {
    const first = await meeting('2024-01-10', { embassyBy: '2024-03-01' }, 'Lobito');
    const second = await meeting('2024-02-01', { embassyBy: '2099-01-01' }, 'Lobito');
    expect(await missionOf(first.body.meetingId, second.body.position)).toMatchObject({
      targets: { embassyBy: '2024-03-01' },
      overdue: [],
    });
    expect(await missionOf(second.body.meetingId, second.body.position)).toMatchObject({
      overdue: [],
    });
  });
});
