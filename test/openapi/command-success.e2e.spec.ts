import request from 'supertest';
import { AS, dispatchDiplomat, planMission } from '../support/http-api.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface Operation {
  operationId?: string;
  responses: Record<string, { headers?: Record<string, unknown> }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
}

/**
 * A command answers 200 only when it recorded nothing, which only a plan restated or a source
 * linked again, and a chargé d'affaires designated again, can do: every other command records
 * its event or is refused. A retried request is its first answer replayed, or a 409.
 */
describe('OpenAPI document: the success answers of commands', () => {
  let subject: TestApp;
  let document: Document;

  beforeAll(async () => {
    subject = await startTestApp();
    document = (await request(subject.server).get('/api/docs-json').expect(200)).body as Document;
  });
  afterAll(() => subject.dispose());

  it('documents a 200 only on the commands that may record nothing', () => {
    const ok = Object.values(document.paths).flatMap((item) =>
      Object.values(item)
        .filter((operation) => operation.responses['200'] && operation.responses['201'])
        .map((operation) => operation.operationId),
    );
    expect(ok.sort()).toEqual(['designateChargeDAffaires', 'planMission']);
  });

  it('answers a retried arrival 201 replayed under its Idempotency-Key, and 409 without one', async () => {
    const missionId = await planMission(subject.server, 'Retried Arrival City');
    const diplomatId = await dispatchDiplomat(subject.server, missionId);
    const path = `/api/missions/${missionId}/diplomats/${diplomatId}/arrival`;
    const arrive = (headers: Record<string, string>) =>
      request(subject.server)
        .post(path)
        .set({ ...AS.staff, ...headers })
        .send({ arrivedOn: '2024-06-14' });
    const key = { 'Idempotency-Key': 'retried-arrival-1' };
    const answers = [await arrive(key), await arrive(key), await arrive({})];
    expect(answers.map((a) => `${a.status} ${a.headers['idempotent-replayed']}`)).toEqual([
      '201 undefined',
      '201 true',
      '409 undefined',
    ]);
    const documented =
      document.paths['/api/missions/{missionId}/diplomats/{diplomatId}/arrival'].post.responses;
    expect(Object.keys(documented)).not.toContain('200');
    expect(documented['201'].headers).toHaveProperty('Idempotent-Replayed');
  });
});
