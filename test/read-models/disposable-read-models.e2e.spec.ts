import { closeSync, openSync, readdirSync, rmSync, writeSync } from 'node:fs';
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

  it('sets aside a file SQLite cannot read and builds it again, where the service would not start', async () => {
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
    const directory = join(subject.dataDir, 'read-models');
    const damaged = readdirSync(directory).find((f) => /^mission-status\.\d+\.sqlite$/.test(f))!;
    const fd = openSync(join(directory, damaged), 'r+');
    writeSync(fd, Buffer.from('XXXXXXXXXXXXXXXX'), 0, 16, 0);
    closeSync(fd);

    subject = await startTestApp({}, subject.dataDir);
    const after = await request(subject.server)
      .get(`/api/relations/kr-cu?minPosition=${meeting.body.position}`)
      .set(viewer)
      .expect(200);
    expect(after.body).toEqual(before.body);
    expect(readdirSync(directory).some((f) => f.startsWith(`${damaged}.damaged-`))).toBe(true);
    await subject.dispose();
  });
});
