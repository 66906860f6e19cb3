import type { AddressInfo } from 'node:net';
import { EVENT_STORE, type EventStore } from '../../src/event-store/event-store.port.js';
import { DemoError, runDemo } from '../../scripts/demo.js';
import { startTestApp, TOKENS, type TestApp } from '../support/test-app.js';

describe('npm run demo: the ROK–Cuba case through the HTTP API', () => {
  let subject: TestApp;
  let baseUrl: string;
  const lines: string[] = [];
  const log = (line: string) => lines.push(line);

  beforeAll(async () => {
    subject = await startTestApp();
    await subject.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = subject.app.getHttpServer().address() as AddressInfo;
    baseUrl = `http://127.0.0.1:${port}`;
  });
  afterAll(() => subject.dispose());

  it('records the case and opens both embassies', async () => {
    const result = await runDemo({ baseUrl, token: TOKENS.staff, log });

    expect(result.steps.every((s) => s.status === 201 && !s.replayed)).toBe(true);
    expect(result.missions.havana).toMatchObject({
      id: 'kr-cu-havana',
      status: 'embassy-open',
      agreedOn: '2024-04-27',
      targets: { temporaryOfficeBy: '2024-06-30' },
      temporaryOffice: { openedOn: '2024-06-28', address: 'Miramar Business Center, Havana' },
      embassy: { openedOn: '2025-01-17' },
    });
    expect(result.missions.havana.sources).toHaveLength(2);
    expect(result.missions.seoul).toMatchObject({
      id: 'cu-kr-seoul',
      status: 'embassy-open',
      diplomats: [{ name: 'Mario Alzugaray Rodríguez', arrivedOn: '2024-05-12' }],
      embassy: { openedOn: '2025-06-10' },
    });
    expect(lines.join('\n')).toContain('recorded late');
  });

  it('changes nothing when run a second time, and still succeeds', async () => {
    const store = subject.app.get<EventStore>(EVENT_STORE);
    const before = await store.headPosition();

    const again = await runDemo({ baseUrl, token: TOKENS.staff, log });

    expect(again.steps.every((s) => s.replayed && s.status === 201)).toBe(true);
    expect(again.missions.havana.status).toBe('embassy-open');
    expect(again.missions.seoul.status).toBe('embassy-open');
    expect(await store.headPosition()).toBe(before);
  });

  it('explains what to do when the service is not reachable', async () => {
    await expect(
      runDemo({ baseUrl: 'http://127.0.0.1:1', token: TOKENS.staff, log }),
    ).rejects.toThrow(DemoError);
    await expect(
      runDemo({ baseUrl: 'http://127.0.0.1:1', token: TOKENS.staff, log }),
    ).rejects.toThrow(/npm start/);
  });

  it('prints the problem detail when a step is refused', async () => {
    await expect(runDemo({ baseUrl, token: TOKENS.viewer, log })).rejects.toThrow(
      /a-havana-meeting failed: HTTP 403/,
    );
  });
});
