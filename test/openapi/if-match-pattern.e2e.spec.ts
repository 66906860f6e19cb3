import request from 'supertest';
import { AS } from '../support/http-api.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface Parameter {
  name: string;
  schema?: { pattern?: string };
}
interface Document {
  paths: Record<string, Record<string, { parameters?: Parameter[] }>>;
}

/** The If-Match values the document admits are those the service reads: no others. */
describe('OpenAPI document: If-Match', () => {
  let subject: TestApp;
  let document: Document;

  beforeAll(async () => {
    subject = await startTestApp();
    document = (await request(subject.server).get('/api/docs-json').expect(200)).body as Document;
  });
  afterAll(() => subject.dispose());

  it('admits exactly the values the service reads: * or a list of entity tags', async () => {
    const parameter = document.paths['/api/missions/{missionId}/embassy'].post.parameters?.find(
      (p) => p.name === 'If-Match',
    );
    const pattern = new RegExp(parameter?.schema?.pattern ?? '(?!)');
    const values = [
      '"0"',
      '"7"',
      ' "7" ',
      '*',
      '"07"',
      'W/"7"',
      '"6", W/"7",, "a,b"',
      '7',
      '"7" "8"',
      '*, "7"',
      'W/7',
    ];
    const read: string[] = [];
    for (const value of values) {
      const response = await request(subject.server)
        .post('/api/missions/kr-cu-nowhere/embassy')
        .set({ ...AS.staff, 'If-Match': value })
        .send({ openedOn: '2025-01-17' });
      const admitted = response.status !== 400;
      expect({ value, documented: pattern.test(value) }).toEqual({ value, documented: admitted });
      if (admitted) read.push(value);
    }
    expect(read).toEqual(['"0"', '"7"', ' "7" ', '*', '"07"', 'W/"7"', '"6", W/"7",, "a,b"']);
  });
});
