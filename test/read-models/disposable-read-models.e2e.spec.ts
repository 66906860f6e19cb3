import { rmSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { ROK_CUBA_MEETING } from '../support/rok-cuba.js';
import { startTestApp, TOKENS } from '../support/test-app.js';

const staff = { Authorization: `Bearer ${TOKENS.staff}` };
const viewer = { Authorization: `Bearer ${TOKENS.viewer}` };

describe('Read models are disposable', () => {
  it('rebuilds them from the event store when their files are deleted', async () => {
    let subject = await startTestApp();
    const meeting = await request(subject.server)
      .post('/api/meetings')
      .set(staff)
      .send(ROK_CUBA_MEETING)
      .expect(201);
    const before = await request(subject.server)
      .get(`/api/relations/kr-cu?minPosition=${meeting.body.position}`)
      .set(viewer)
      .expect(200);
    await subject.stop();
    rmSync(join(subject.dataDir, 'read-models'), { recursive: true, force: true });

    subject = await startTestApp({}, subject.dataDir);
    const after = await request(subject.server)
      .get(`/api/relations/kr-cu?minPosition=${meeting.body.position}`)
      .set(viewer)
      .expect(200);
    expect(after.body).toEqual(before.body);
    await subject.dispose();
  });
});
