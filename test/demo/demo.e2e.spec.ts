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

  it('records both ambassadors, each track independent of its embassy', async () => {
    const store = subject.app.get<EventStore>(EVENT_STORE);
    const before = await store.headPosition();
    const { missions, steps } = await runDemo({ baseUrl, token: TOKENS.staff, log });
    expect(await store.headPosition()).toBe(before);
    expect(steps.filter((s) => /^[hij]-/.test(s.step)).map((s) => s.step)).toEqual([
      'h-cuban-ambassador-nomination',
      'h-cuban-ambassador-agrement-request',
      'h-cuban-ambassador-agrement',
      'h-cuban-ambassador-appointment',
      'h-cuban-ambassador-arrival',
      'h-cuban-ambassador-copy-of-credentials',
      'h-cuban-ambassador-credentials',
      'i-havana-charge-d-affaires',
      'j-korean-ambassador-nomination',
      'j-korean-ambassador-agrement-request',
      'j-korean-ambassador-agrement',
      'j-korean-ambassador-appointment',
      'j-korean-ambassador-arrival',
      'j-korean-ambassador-copy-of-credentials',
      'j-korean-ambassador-credentials',
    ]);

    expect(missions.seoul.headOfMission).toMatchObject({
      name: 'Claudio Monzón Baeza',
      stage: 'credentials-presented',
      copyOfCredentialsPresentedOn: '2025-01-06',
      credentialsPresentedOn: '2025-01-07',
      precedenceDate: '2025-01-07',
    });
    expect(missions.havana.headOfMission).toMatchObject({
      name: 'Lee Ho-yul',
      stage: 'credentials-presented',
      appointedOn: '2025-01-31',
      copyOfCredentialsPresentedOn: '2025-02-11',
      credentialsPresentedOn: '2025-02-25',
      precedenceDate: '2025-02-25',
    });
    // The chargé a.i. headed the Havana embassy only until the ambassador's credentials.
    expect(missions.havana.chargeDAffaires).toBeNull();
    expect(
      missions.havana.headOfMissionMilestones?.find((m) => m.type === 'ChargeDAffairesDesignated'),
    ).toMatchObject({ occurredOn: '2025-01-17' });
    // Korea opened its embassy before its ambassador was accredited; Cuba the other way round.
    expect(missions.havana.embassy!.openedOn < missions.havana.headOfMission!.precedenceDate!).toBe(
      true,
    );
    expect(missions.seoul.headOfMission!.precedenceDate! < missions.seoul.embassy!.openedOn).toBe(
      true,
    );

    const report = lines.join('\n');
    expect(report).toContain('estimate: agrément dates are not public');
    expect(report).toContain(
      'head of mission Lee Ho-yul, Ambassador Extraordinary and Plenipotentiary: credentials presented 2025-02-25',
    );
    expect(report).toContain(
      "chargé d'affaires a.i. Korean chargé d’affaires a.i. from 2025-01-17, until the ambassador's credentials on 2025-02-25",
    );
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
