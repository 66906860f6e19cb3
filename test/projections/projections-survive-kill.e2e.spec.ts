import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { client } from '../support/http-client.js';
import { startService, type ServiceProcess } from '../support/service-process.js';

interface ProjectionStatus {
  name: string;
  position: string;
  generation: number;
  lag: { events: number };
  state: string;
}
interface MissionList {
  total: number;
  missions: { id: string; diplomats: { diplomatId: string }[]; milestones: unknown[] }[];
}

const CYCLES = 4;

async function caughtUp(url: string): Promise<ProjectionStatus[]> {
  const admin = client(url, 'admin');
  for (;;) {
    const { body } = await admin.get<ProjectionStatus[]>('/api/admin/projections');
    if (body.every((p) => p.lag.events === 0 && p.state === 'live')) return body;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('Projections across kill -9', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'envoy-kill-'));
  let service: ServiceProcess | undefined;
  afterAll(async () => {
    await service?.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('apply every acknowledged event exactly once and converge to a fresh rebuild', async () => {
    const acknowledged = new Set<string>();
    for (let cycle = 0; cycle < CYCLES; cycle += 1) {
      service = await startService(dataDir);
      const staff = client(service.url);
      let running = true;
      const writers = Array.from({ length: 8 }, async (_, writer) => {
        for (let n = 0; running; n += 1) {
          const city = `City ${cycle}-${writer}-${n % 3}`;
          const missionId = `kr-cu-city-${cycle}-${writer}-${n % 3}`;
          try {
            await staff.post('/api/missions', {
              sendingState: 'KR',
              receivingState: 'CU',
              city,
              agreedOn: '2024-01-01',
            });
            const dispatched = await staff.post<{ diplomatId: string }>(
              `/api/missions/${missionId}/diplomats`,
              {
                name: `Diplomat ${n}`,
                title: 'Counsellor',
                role: 'staff',
                dispatchedOn: '2024-02-01',
              },
            );
            if (dispatched.status === 201) acknowledged.add(dispatched.body.diplomatId);
          } catch {
            return; // the process was killed under us
          }
        }
      });
      await new Promise((resolve) => setTimeout(resolve, 150 + Math.random() * 250));
      await service.kill('SIGKILL');
      running = false;
      await Promise.all(writers);
    }

    service = await startService(dataDir);
    const before = await caughtUp(service.url);
    const viewer = client(service.url, 'viewer');
    const live = await viewer.get<MissionList>('/api/missions?limit=200');
    const seen = live.body.missions.flatMap((m) => m.diplomats.map((d) => d.diplomatId));
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of acknowledged) expect(seen).toContain(id);

    const admin = client(service.url, 'admin');
    for (const { name } of before) {
      expect((await admin.post(`/api/admin/projections/${name}/rebuild`, {})).status).toBe(202);
    }
    for (;;) {
      const now = await caughtUp(service.url);
      if (now.every((p, i) => p.generation > before[i].generation)) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const rebuilt = await viewer.get<MissionList>('/api/missions?limit=200');
    expect(rebuilt.body).toEqual(live.body);
    console.log(
      `projections survived ${CYCLES} kill -9 cycles: ${acknowledged.size} acknowledged dispatches, ${live.body.total} missions, equal to a fresh rebuild`,
    );
  }, 120_000);
});
