import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runAuditCli } from '../../src/audit/cli/audit-cli.js';
import { InstanceLock } from '../../src/operations/instance-lock.js';
import { AS, planMission, readMission, staffedMission } from '../support/http-api.js';
import { AUTH_TOKENS, startTestApp } from '../support/test-app.js';
import { Captured } from './audit-fixtures.js';

describe('Rebuilding the read models from the command line, with the service stopped', () => {
  it('builds a fresh generation of every read model, showing progress, and the service serves it', async () => {
    const first = await startTestApp();
    const missionId = await staffedMission(first.server, 'Havana');
    await planMission(first.server, 'Santiago');
    const before = (await readMission(first, missionId, AS.viewer)).body;
    await first.stop();

    const io = {
      stdout: new Captured(),
      stderr: new Captured(),
      env: { DATA_DIR: first.dataDir, AUTH_TOKENS, DURABILITY: 'relaxed' },
    };
    expect(await runAuditCli(['rebuild'], io)).toBe(0);
    expect(io.stdout.text).toMatch(/rebuilt mission-status: generation 2/);
    expect(io.stderr.text).toMatch(/rebuild mission-status: \d+ events in/);
    const files = readdirSync(join(first.dataDir, 'read-models'));
    expect(files).toContain('mission-status.2.sqlite');
    expect(existsSync(join(first.dataDir, 'read-models', 'mission-status.1.sqlite'))).toBe(false);

    const second = await startTestApp({}, first.dataDir);
    try {
      const after = (await readMission(second, missionId, AS.viewer)).body;
      expect(after).toEqual(before);
    } finally {
      await second.dispose();
    }
  });

  it('names the read models there are when asked for one that is not', async () => {
    const app = await startTestApp();
    await app.stop();
    const io = {
      stdout: new Captured(),
      stderr: new Captured(),
      env: { DATA_DIR: app.dataDir, AUTH_TOKENS },
    };
    expect(await runAuditCli(['rebuild', '--projection', 'nope'], io)).toBe(2);
    expect(io.stderr.text).toMatch(/no projection nope; there are .*mission-status/);
    await app.dispose();
  });

  it('refuses another store than the service’s: DATA_DIR’s read models follow DATA_DIR’s store', async () => {
    const app = await startTestApp();
    await app.stop();
    const files = readdirSync(join(app.dataDir, 'read-models')).sort();
    const io = {
      stdout: new Captured(),
      stderr: new Captured(),
      env: { DATA_DIR: app.dataDir, AUTH_TOKENS },
    };
    expect(await runAuditCli(['rebuild', '--store', '/elsewhere/events.sqlite'], io)).toBe(2);
    expect(io.stderr.text).toMatch(/rebuild reads the store the service uses/);
    expect(readdirSync(join(app.dataDir, 'read-models')).sort()).toEqual(files);
    await app.dispose();
  });

  it('refuses while a service holds DATA_DIR, leaving its read models as they are', async () => {
    const app = await startTestApp();
    await planMission(app.server, 'Busy Havana');
    await app.stop();
    const files = readdirSync(join(app.dataDir, 'read-models')).sort();
    // What the running service holds (main.ts takes it at start).
    const service = InstanceLock.acquire(app.dataDir, 'serving');
    try {
      const io = {
        stdout: new Captured(),
        stderr: new Captured(),
        env: { DATA_DIR: app.dataDir, AUTH_TOKENS },
      };
      expect(await runAuditCli(['rebuild'], io)).toBe(1);
      expect(io.stderr.text).toMatch(/is running on .*: stop it before rebuilding/);
      expect(readdirSync(join(app.dataDir, 'read-models')).sort()).toEqual(files);
    } finally {
      service.release();
      await app.dispose();
    }
  });
});
