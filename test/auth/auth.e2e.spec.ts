import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { startTestApp, TOKENS, type TestApp } from '../support/test-app.js';
import {
  AS,
  DIPLOMAT,
  dispatchDiplomat,
  expectProblem,
  planMission,
  readMission,
  refused,
} from '../support/http-api.js';

/**
 * Every API route needs a bearer token: none, a wrong scheme or an unknown token is a 401
 * with WWW-Authenticate, saying `error="invalid_token"` when a bearer token was presented
 * (RFC 6750 §3.1); a known token whose role may not do this is a 403. Staff and
 * admin record; every role reads.
 */
describe('Authentication and roles', () => {
  let subject: TestApp;
  let missionId: string;
  let diplomatId: string;

  beforeAll(async () => {
    subject = await startTestApp();
    missionId = await planMission(subject.server, 'Guarded City');
    diplomatId = await dispatchDiplomat(subject.server, missionId);
  });
  afterAll(() => subject.dispose());

  /** Every command route, with a body it would accept from staff. */
  const commands = (): [string, object][] => [
    [
      '/api/meetings',
      {
        title: 'Meeting',
        heldOn: '2024-06-12',
        parties: ['KR', 'CU'],
        outcomes: [{ kind: 'other', summary: 'Talks' }],
      },
    ],
    ['/api/missions', { sendingState: 'KR', receivingState: 'CU', city: 'Other City' }],
    [`/api/missions/${missionId}/diplomats`, DIPLOMAT],
    [`/api/missions/${missionId}/diplomats/${diplomatId}/arrival`, { arrivedOn: '2024-06-14' }],
    [`/api/missions/${missionId}/temporary-office`, { openedOn: '2024-06-20' }],
    [`/api/missions/${missionId}/embassy`, { openedOn: '2024-06-20' }],
    [`/api/missions/${missionId}/suspension`, { on: '2024-06-20', reason: 'Hurricane' }],
    [`/api/missions/${missionId}/resumption`, { on: '2024-06-21' }],
    [`/api/missions/${missionId}/closure`, { on: '2024-06-22', reason: 'Relations severed' }],
  ];

  const CHALLENGE = 'Bearer realm="envoy-ledger"';
  const INVALID_TOKEN = `${CHALLENGE}, error="invalid_token"`;

  const expectUnauthenticated = (response: request.Response, challenge = CHALLENGE) => {
    expectProblem(response, 401, '/problems/unauthenticated');
    expect(response.headers['www-authenticate']).toBe(challenge);
  };

  describe('401', () => {
    it.each([
      ['no Authorization header', undefined, CHALLENGE],
      [
        'the Basic scheme',
        `Basic ${Buffer.from(`staff:${TOKENS.staff}`).toString('base64')}`,
        CHALLENGE,
      ],
      ['a token without a scheme', TOKENS.staff, CHALLENGE],
      ['another scheme', `Token ${TOKENS.staff}`, CHALLENGE],
      ['an empty bearer', 'Bearer ', CHALLENGE],
      ['a tab between the scheme and the token', `Bearer\t${TOKENS.staff}`, INVALID_TOKEN],
      ['an unknown token', 'Bearer unknown-token-0123456789', INVALID_TOKEN],
      ['a token with a character too many', `Bearer ${TOKENS.staff}x`, INVALID_TOKEN],
      ['a very long token', `Bearer ${'t'.repeat(10_000)}`, INVALID_TOKEN],
    ])(
      'refuses a command with %s, challenging it as %j',
      async (_label, authorization, challenge) => {
        for (const [path, body] of commands()) {
          const response = await refused(subject, () => {
            const test = request(subject.server).post(path);
            return (
              authorization === undefined ? test : test.set('Authorization', authorization)
            ).send(body);
          });
          expectUnauthenticated(response, challenge);
        }
      },
    );

    it('refuses a read without a valid token, saying invalid_token only when one was presented', async () => {
      expectUnauthenticated(await request(subject.server).get(`/api/missions/${missionId}`));
      expectUnauthenticated(
        await request(subject.server)
          .get(`/api/missions/${missionId}`)
          .set('Authorization', 'Bearer unknown-token-0123456789'),
        INVALID_TOKEN,
      );
    });

    it('accepts the scheme in any case', async () => {
      const response = await readMission(subject, missionId, {
        Authorization: `bearer ${TOKENS.viewer}`,
      });
      expect(response.status).toBe(200);
    });

    it.each([
      ['two spaces', `Bearer  ${TOKENS.viewer}`],
      ['three spaces and a trailing one', `BEARER   ${TOKENS.viewer} `],
    ])('accepts %s between the scheme and the token (RFC 9110: 1*SP)', async (_label, value) => {
      const response = await readMission(subject, missionId, { Authorization: value });
      expect(response.status).toBe(200);
    });

    it('accepts a command whose token follows the scheme after two spaces', async () => {
      const response = await request(subject.server)
        .post(`/api/missions/${missionId}/diplomats`)
        .set('Authorization', `Bearer  ${TOKENS.staff}`)
        .send(DIPLOMAT);
      expect(response.status).toBe(201);
    });

    it('leaves the health check open', async () => {
      await request(subject.server).get('/health').expect(200);
    });
  });

  describe('403', () => {
    it.each(['viewer', 'auditor'] as const)(
      'refuses every command from the %s role and records nothing',
      async (role) => {
        for (const [path, body] of commands()) {
          const response = await refused(subject, () =>
            request(subject.server).post(path).set(AS[role]).send(body),
          );
          const problem = expectProblem(response, 403, '/problems/forbidden');
          expect(problem.detail).toContain(role);
        }
      },
    );

    it('checks the role before the body: a forbidden caller learns nothing about validation', async () => {
      const response = await refused(subject, () =>
        request(subject.server)
          .post(`/api/missions/${missionId}/diplomats`)
          .set(AS.viewer)
          .send({ nonsense: true }),
      );
      expectProblem(response, 403, '/problems/forbidden');
    });
  });

  describe('allowed', () => {
    it.each(['staff', 'auditor', 'viewer', 'admin'] as const)(
      'lets the %s role read a mission',
      async (role) => {
        const response = await readMission(subject, missionId, AS[role]);
        expect(response.status).toBe(200);
        expect(response.body.id).toBe(missionId);
      },
    );

    it('lets admin record like staff, under its own name', async () => {
      const response = await request(subject.server)
        .post(`/api/missions/${missionId}/diplomats`)
        .set(AS.admin)
        .send({ ...DIPLOMAT, name: 'Dispatched by admin' })
        .expect(201);
      expect(response.body.diplomatId).toEqual(expect.any(String));
    });
  });

  describe('with AUTH_TOKENS unset', () => {
    let dataDir: string;
    let generated: TestApp | undefined;

    beforeEach(() => {
      dataDir = mkdtempSync(join(tmpdir(), 'envoy-tokens-'));
    });
    afterEach(async () => {
      await generated?.stop();
      generated = undefined;
      rmSync(dataDir, { recursive: true, force: true });
    });

    const tokensIn = (dir: string) =>
      JSON.parse(readFileSync(join(dir, 'tokens.json'), 'utf8')) as {
        name: string;
        role: string;
        token: string;
      }[];

    it('generates one owner-only token per role in DATA_DIR/tokens.json, and they work', async () => {
      generated = await startTestApp({ AUTH_TOKENS: '' }, dataDir);
      const file = join(dataDir, 'tokens.json');
      expect(existsSync(file)).toBe(true);
      expect(statSync(file).mode & 0o777).toBe(0o600);

      const entries = tokensIn(dataDir);
      expect(entries).toHaveLength(4);
      expect(entries.map((e) => e.role).sort()).toEqual(['admin', 'auditor', 'staff', 'viewer']);
      expect(new Set(entries.map((e) => e.token)).size).toBe(4);
      for (const entry of entries) expect(entry.token.length).toBeGreaterThanOrEqual(16);

      const token = (role: string) => entries.find((e) => e.role === role)!.token;
      const planned = await request(generated.server)
        .post('/api/missions')
        .set('Authorization', `Bearer ${token('staff')}`)
        .send({ sendingState: 'KR', receivingState: 'CU', city: 'Havana', agreedOn: '2024-06-12' })
        .expect(201);
      const read = await readMission(generated, planned.body.missionId, {
        Authorization: `Bearer ${token('viewer')}`,
      });
      expect(read.status).toBe(200);
      await request(generated.server)
        .post('/api/missions')
        .set('Authorization', `Bearer ${token('viewer')}`)
        .send({ sendingState: 'KR', receivingState: 'CU', city: 'Matanzas' })
        .expect(403);
      expectUnauthenticated(
        await request(generated.server)
          .get(`/api/missions/${planned.body.missionId}`)
          .set(AS.staff),
        INVALID_TOKEN,
      );
    });

    it('reads the same tokens back on the next start', async () => {
      generated = await startTestApp({ AUTH_TOKENS: '' }, dataDir);
      const entries = tokensIn(dataDir);
      await generated.stop();

      generated = await startTestApp({ AUTH_TOKENS: '' }, dataDir);
      expect(tokensIn(dataDir)).toEqual(entries);
      expect(statSync(join(dataDir, 'tokens.json')).mode & 0o777).toBe(0o600);
      const staff = entries.find((e) => e.role === 'staff')!.token;
      await request(generated.server)
        .post('/api/missions')
        .set('Authorization', `Bearer ${staff}`)
        .send({ sendingState: 'KR', receivingState: 'CU', city: 'Havana', agreedOn: '2024-06-12' })
        .expect(201);
    });
  });
});
