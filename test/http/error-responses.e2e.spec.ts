import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import {
  AS,
  DIPLOMAT,
  dispatchDiplomat,
  expectProblem,
  pathsOf,
  planMission,
  readMission,
  refused,
  staffedMission,
} from '../support/http-api.js';
import { ROK_CUBA_MEETING } from '../support/rok-cuba.js';

/**
 * Every refusal leaves the service as application/problem+json with a stable `type` per
 * reason, and changes nothing: the store's head position is the same before and after.
 */
describe('Error responses', () => {
  let subject: TestApp;
  const post = (path: string) => request(subject.server).post(path).set(AS.staff);
  /** A request the service must refuse without recording anything. */
  const refuse = (send: () => Promise<request.Response>) => refused(subject, send);

  beforeAll(async () => {
    subject = await startTestApp();
  });
  afterAll(() => subject.dispose());

  describe('400 malformed JSON', () => {
    it('refuses a body that is not valid JSON', async () => {
      const response = await refuse(() =>
        post('/api/missions').set('Content-Type', 'application/json').send('{"city":'),
      );
      expectProblem(response, 400, '/problems/malformed-json');
    });

    it('refuses an empty body that claims to be JSON', async () => {
      const response = await refuse(() =>
        post('/api/missions').set('Content-Type', 'application/json').send(''),
      );
      expectProblem(response, 400, '/problems/malformed-json');
    });

    it('refuses bytes that are not UTF-8 rather than storing U+FFFD', async () => {
      const response = await refuse(() =>
        post('/api/missions')
          .set('Content-Type', 'application/json')
          // Sent as the bytes they are: superagent would otherwise JSON-encode the Buffer.
          .serialize((bytes: Buffer) => bytes as unknown as string)
          .send(
            Buffer.concat([
              Buffer.from('{"sendingState":"KR","receivingState":"CU","city":"Hav'),
              Buffer.from([0xff, 0xfe]),
              Buffer.from('ana"}'),
            ]),
          ),
      );
      expectProblem(response, 400, '/problems/malformed-json');
      expect(response.body.detail).toMatch(/not valid UTF-8/);
    });

    it('refuses a body naming a member twice, rather than keeping the last value', async () => {
      const missionId = await staffedMission(subject.server, 'Twice Named City');
      const response = await refuse(() =>
        post(`/api/missions/${missionId}/embassy`)
          .set('Content-Type', 'application/json')
          .send('{"openedOn":"2024-07-01","openedOn":"2024-07-02"}'),
      );
      expectProblem(response, 400, '/problems/malformed-json');
      expect(response.body.errors).toEqual([{ path: 'openedOn', message: 'named more than once' }]);
    });

    it('reads a UTF-8 body whatever the case or quoting of its charset', async () => {
      const response = await post('/api/missions')
        .set('Content-Type', 'application/json; charset="UTF-8"')
        .send('{"sendingState":"KR","receivingState":"CU","city":"Charset City"}');
      expect(response.status).toBe(201);
    });

    it('refuses a __proto__ key by name and pollutes nothing', async () => {
      const missionId = await staffedMission(subject.server, 'Proto City');
      const response = await refuse(() =>
        post(`/api/missions/${missionId}/embassy`)
          .set('Content-Type', 'application/json')
          .send('{"openedOn":"2024-07-01","__proto__":{"polluted":true}}'),
      );
      expectProblem(response, 400, '/problems/validation-failed');
      expect(pathsOf(response)).toEqual(['__proto__']);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.prototype).not.toHaveProperty('polluted');
    });

    it('lists a __proto__ key or text that is not Unicode beside every other invalid field', async () => {
      const missionId = await staffedMission(subject.server, 'Many Faults City');
      const proto = await refuse(() =>
        post(`/api/missions/${missionId}/diplomats`)
          .set('Content-Type', 'application/json')
          .send(
            '{"__proto__":{"a":1},"name":"","title":"","role":"X","dispatchedOn":"2024-02-30"}',
          ),
      );
      expectProblem(proto, 400, '/problems/validation-failed');
      expect(pathsOf(proto).sort()).toEqual(
        ['__proto__', 'dispatchedOn', 'name', 'role', 'title'].sort(),
      );
      expect(Object.prototype).not.toHaveProperty('a');

      const surrogate = await refuse(() =>
        post(`/api/missions/${missionId}/diplomats`)
          .set('Content-Type', 'application/json')
          .send('{"name":"\\ud800","title":"","role":"X","dispatchedOn":"2024-02-30"}'),
      );
      expectProblem(surrogate, 400, '/problems/validation-failed');
      expect(surrogate.body.errors).toEqual(
        expect.arrayContaining([{ path: 'name', message: 'name must be valid Unicode text' }]),
      );
      expect(pathsOf(surrogate).sort()).toEqual(['dispatchedOn', 'name', 'role', 'title'].sort());
    });

    it('names a field whose name is not Unicode at its own path', async () => {
      const response = await refuse(() =>
        post('/api/meetings')
          .set('Content-Type', 'application/json')
          .send(
            '{"title":"","heldOn":"x","parties":["kr","CU"],"participants":[{"name":"\\ud800","title":"t","state":"KR","k\\udc00":1}],"outcomes":[]}',
          ),
      );
      expectProblem(response, 400, '/problems/validation-failed');
      expect(response.body.errors).toEqual(
        expect.arrayContaining([
          { path: 'participants[0].name', message: 'name must be valid Unicode text' },
          {
            path: 'participants[0].k\\udc00',
            message: 'the field name k\\udc00 must be valid Unicode',
          },
        ]),
      );
      expect(pathsOf(response)).toEqual(
        expect.arrayContaining(['title', 'heldOn', 'parties[0]', 'outcomes']),
      );
    });

    it('refuses a constructor.prototype key by name and pollutes nothing', async () => {
      const missionId = await staffedMission(subject.server, 'Constructor City');
      const response = await refuse(() =>
        post(`/api/missions/${missionId}/embassy`)
          .set('Content-Type', 'application/json')
          .send('{"openedOn":"2024-07-01","constructor":{"prototype":{"polluted":true}}}'),
      );
      expectProblem(response, 400, '/problems/validation-failed');
      expect(pathsOf(response)).toEqual(['constructor']);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  });

  describe('400 invalid fields', () => {
    it('lists every invalid field of a meeting with its path', async () => {
      const response = await refuse(() =>
        post('/api/meetings').send({
          ...ROK_CUBA_MEETING,
          title: '',
          heldOn: '2024-02-30',
          parties: ['kr', 'XX'],
          outcomes: [
            {
              kind: 'establish-missions',
              summary: 'Open missions',
              missions: [
                { sendingState: 'KR', receivingState: 'XX', city: 'Havana' },
                { sendingState: 'CU', receivingState: 'KR', city: '' },
              ],
            },
          ],
        }),
      );
      expectProblem(response, 400, '/problems/validation-failed');
      expect(pathsOf(response)).toEqual(
        expect.arrayContaining([
          'title',
          'heldOn',
          'parties[0]',
          'parties[1]',
          'outcomes[0].missions[0].receivingState',
          'outcomes[0].missions[1].city',
        ]),
      );
      for (const error of response.body.errors) {
        expect(error).toEqual({ path: expect.any(String), message: expect.any(String) });
      }
    });

    it('refuses unknown fields, at the top and nested, naming each', async () => {
      const response = await refuse(() =>
        post('/api/meetings').send({
          ...ROK_CUBA_MEETING,
          secret: 'x',
          outcomes: [
            {
              kind: 'establish-missions',
              summary: 'Open missions',
              missions: [{ sendingState: 'KR', receivingState: 'CU', city: 'Havana', color: 1 }],
            },
          ],
        }),
      );
      expectProblem(response, 400, '/problems/validation-failed');
      expect(pathsOf(response)).toEqual(
        expect.arrayContaining(['secret', 'outcomes[0].missions[0].color']),
      );
    });

    it('refuses a constructor key like any other unknown field', async () => {
      const missionId = await staffedMission(subject.server, 'Ctor Key City');
      const response = await refuse(() =>
        post(`/api/missions/${missionId}/embassy`)
          .set('Content-Type', 'application/json')
          .send('{"openedOn":"2024-07-01","constructor":1}'),
      );
      expectProblem(response, 400, '/problems/validation-failed');
      expect(pathsOf(response)).toContain('constructor');
    });

    it('refuses a nested constructor key with its path', async () => {
      const response = await refuse(() =>
        post('/api/meetings')
          .set('Content-Type', 'application/json')
          .send(
            JSON.stringify({ ...ROK_CUBA_MEETING, title: 'Nested constructor' }).replace(
              '"kind":"cooperation"',
              '"constructor":1,"kind":"cooperation"',
            ),
          ),
      );
      expectProblem(response, 400, '/problems/validation-failed');
      expect(pathsOf(response)).toContain('outcomes[1].constructor');
    });

    it('refuses fields named after properties every object has, at the top and nested, naming each', async () => {
      const plan = await refuse(() =>
        post('/api/missions').send({
          sendingState: 'KR',
          receivingState: 'ES',
          city: 'Madrid',
          agreedOn: '2024-01-02',
          toString: 'x',
          targets: { hasOwnProperty: 1, __defineGetter__: 2 },
        }),
      );
      expectProblem(plan, 400, '/problems/validation-failed');
      expect(pathsOf(plan).sort()).toEqual([
        'targets.__defineGetter__',
        'targets.hasOwnProperty',
        'toString',
      ]);
      const meeting = await refuse(() =>
        post('/api/meetings').send({
          ...ROK_CUBA_MEETING,
          outcomes: [{ kind: 'other', summary: 'A statement', valueOf: 1 }],
        }),
      );
      expectProblem(meeting, 400, '/problems/validation-failed');
      expect(pathsOf(meeting)).toEqual(['outcomes[0].valueOf']);
      const missionId = await planMission(subject.server, 'Object Names City');
      const dispatch = await refuse(() =>
        post(`/api/missions/${missionId}/diplomats`).send({
          ...DIPLOMAT,
          isPrototypeOf: true,
          toLocaleString: 'x',
        }),
      );
      expectProblem(dispatch, 400, '/problems/validation-failed');
      expect(pathsOf(dispatch).sort()).toEqual(['isPrototypeOf', 'toLocaleString']);
    });

    it.each([
      ['an unknown code', 'XX'],
      ['a lower-case code', 'kr'],
      ['an alpha-3 code', 'KOR'],
      ['a number', 410],
    ])('refuses %s as a state', async (_label, code) => {
      const response = await refuse(() =>
        post('/api/missions').send({ sendingState: code, receivingState: code, city: 'Havana' }),
      );
      expectProblem(response, 400, '/problems/validation-failed');
      expect(pathsOf(response)).toEqual(expect.arrayContaining(['sendingState', 'receivingState']));
    });

    it('takes a date of the first century, as any other calendar date', async () => {
      await post('/api/missions')
        .send({
          sendingState: 'IL',
          receivingState: 'AE',
          city: 'Roman Era',
          agreedOn: '0099-12-31',
        })
        .expect(201);
    });

    it.each(['2024-02-30', '0000-01-01', '2024-6-10', '10/06/2024', '2024-06-10T00:00:00Z', ''])(
      'refuses %j as a date',
      async (date) => {
        const missionId = await planMission(subject.server, `Date City ${date || 'empty'}`);
        const response = await refuse(() =>
          post(`/api/missions/${missionId}/diplomats`).send({ ...DIPLOMAT, dispatchedOn: date }),
        );
        expectProblem(response, 400, '/problems/validation-failed');
        expect(pathsOf(response)).toEqual(['dispatchedOn']);
      },
    );

    it('refuses strings over their maximum length, naming each path', async () => {
      const missionId = await planMission(subject.server, 'Long Text City');
      const dispatch = await refuse(() =>
        post(`/api/missions/${missionId}/diplomats`).send({
          ...DIPLOMAT,
          name: 'n'.repeat(201),
          title: 't'.repeat(201),
        }),
      );
      expectProblem(dispatch, 400, '/problems/validation-failed');
      expect(pathsOf(dispatch)).toEqual(expect.arrayContaining(['name', 'title']));

      const suspension = await refuse(() =>
        post(`/api/missions/${missionId}/suspension`).send({
          on: '2024-07-01',
          reason: 'r'.repeat(1001),
        }),
      );
      expect(pathsOf(suspension)).toEqual(['reason']);

      const plan = await refuse(() =>
        post('/api/missions').send({
          sendingState: 'KR',
          receivingState: 'CU',
          city: 'c'.repeat(101),
        }),
      );
      expect(pathsOf(plan)).toEqual(['city']);

      const meeting = await refuse(() =>
        post('/api/meetings').send({
          ...ROK_CUBA_MEETING,
          outcomes: [{ kind: 'other', summary: 's'.repeat(2001) }],
        }),
      );
      expect(pathsOf(meeting)).toEqual(['outcomes[0].summary']);
    });

    it('lists what an outcome of each kind lacks or may not have in the same 400 as the other fields', async () => {
      const response = await refuse(() =>
        post('/api/meetings').send({
          ...ROK_CUBA_MEETING,
          title: '',
          outcomes: [
            { kind: 'establish-missions', summary: 'Missions' },
            { kind: 'cooperation', summary: 'Trade', missions: [] },
            { kind: 'other', summary: 'A statement', areas: ['trade'] },
            { kind: 'treaty', summary: 'Unknown', areas: ['trade'] },
          ],
        }),
      );
      expectProblem(response, 400, '/problems/validation-failed');
      expect(response.body.errors).toEqual([
        { path: 'title', message: 'title must not be empty' },
        { path: 'outcomes[0].missions', message: 'missions is required' },
        {
          path: 'outcomes[1].missions',
          message:
            'missions are listed only by establish-missions outcomes (this one is cooperation)',
        },
        { path: 'outcomes[1].areas', message: 'areas is required' },
        {
          path: 'outcomes[2].areas',
          message: 'areas are listed only by cooperation outcomes (this one is other)',
        },
        { path: 'outcomes[3].kind', message: expect.stringContaining('kind must be one of') },
      ]);
    });

    it('says a list of the wrong type is not an array, whatever its first rule', async () => {
      const response = await refuse(() =>
        post('/api/meetings').send({
          ...ROK_CUBA_MEETING,
          parties: 'KR',
          participants: { name: 'Chung Byung-won' },
          outcomes: 7,
        }),
      );
      expectProblem(response, 400, '/problems/validation-failed');
      expect(response.body.errors).toEqual([
        { path: 'parties', message: 'parties must be an array' },
        { path: 'participants', message: 'participants must be an array' },
        { path: 'outcomes', message: 'outcomes must be an array' },
      ]);
    });

    it('names each bad item of a list by its index, and a list of the wrong length as a whole', async () => {
      const response = await refuse(() =>
        post('/api/meetings').send({
          ...ROK_CUBA_MEETING,
          parties: ['KR', 5, 'XX'],
          participants: ['Chung Byung-won', null],
          outcomes: [
            { kind: 'cooperation', summary: 'Trade', areas: ['trade', '', 7] },
            { kind: 'establish-missions', summary: 'Missions', missions: [[], 'KR-CU'] },
          ],
        }),
      );
      expectProblem(response, 400, '/problems/validation-failed');
      expect(response.body.errors).toEqual([
        { path: 'parties', message: 'parties must have exactly 2 items' },
        { path: 'participants[0]', message: 'participants[0] must be an object' },
        { path: 'participants[1]', message: 'participants[1] must be an object' },
        { path: 'outcomes[0].areas[1]', message: 'areas[1] must not be empty' },
        { path: 'outcomes[0].areas[2]', message: 'areas[2] must be a string' },
        { path: 'outcomes[1].missions[0]', message: 'missions[0] must be an object' },
        { path: 'outcomes[1].missions[1]', message: 'missions[1] must be an object' },
      ]);
      const parties = await refuse(() =>
        post('/api/meetings').send({ ...ROK_CUBA_MEETING, parties: ['KR', 'kr'] }),
      );
      expect(parties.body.errors).toEqual([
        {
          path: 'parties[1]',
          message: 'parties[1] must be upper case: KR',
        },
      ]);
    });

    it('lists the invalid fields of a list’s other items beside an item that is not an object', async () => {
      const response = await refuse(() =>
        post('/api/meetings').send({
          title: 'T',
          heldOn: '2025-01-01',
          parties: ['NO', 'CL'],
          participants: [5, { name: 'a' }],
          outcomes: [
            {
              kind: 'establish-missions',
              summary: 's',
              missions: [7, { sendingState: 'NO', receivingState: 'CL' }],
            },
          ],
        }),
      );
      expectProblem(response, 400, '/problems/validation-failed');
      expect(response.body.errors).toEqual([
        { path: 'participants[0]', message: 'participants[0] must be an object' },
        { path: 'participants[1].title', message: 'title is required' },
        { path: 'participants[1].state', message: 'state is required' },
        { path: 'outcomes[0].missions[0]', message: 'missions[0] must be an object' },
        { path: 'outcomes[0].missions[1].city', message: 'city is required' },
      ]);
    });

    it('lists them whichever item is not an object, the first or the last', async () => {
      const last = await refuse(() =>
        post('/api/meetings').send({
          ...ROK_CUBA_MEETING,
          participants: [{ name: 'Chung Byung-won', title: '', state: 'KR' }, null],
          outcomes: [null, { kind: 'other', note: 'x' }],
        }),
      );
      expectProblem(last, 400, '/problems/validation-failed');
      expect(last.body.errors).toEqual([
        { path: 'participants[0].title', message: 'title must not be empty' },
        { path: 'participants[1]', message: 'participants[1] must be an object' },
        { path: 'outcomes[0]', message: 'outcomes[0] must be an object' },
        { path: 'outcomes[1].note', message: 'property note should not exist' },
        { path: 'outcomes[1].summary', message: 'summary is required' },
      ]);
    });

    it('says a field left out is required, whatever its first rule', async () => {
      const response = await refuse(() => post('/api/meetings').send({ title: 'Talks' }));
      expectProblem(response, 400, '/problems/validation-failed');
      expect(response.body.errors).toEqual(
        expect.arrayContaining([
          { path: 'heldOn', message: 'heldOn is required' },
          { path: 'parties', message: 'parties is required' },
          { path: 'outcomes', message: 'outcomes is required' },
        ]),
      );
    });

    it('refuses values of the wrong type', async () => {
      const missionId = await planMission(subject.server, 'Wrong Type City');
      const response = await refuse(() =>
        post(`/api/missions/${missionId}/suspension`).send({ on: 20240701, reason: ['x'] }),
      );
      expectProblem(response, 400, '/problems/validation-failed');
      expect(pathsOf(response)).toEqual(expect.arrayContaining(['on', 'reason']));
    });

    it('refuses control characters and blank text', async () => {
      const missionId = await planMission(subject.server, 'Control City');
      const response = await refuse(() =>
        post(`/api/missions/${missionId}/diplomats`).send({
          ...DIPLOMAT,
          name: 'a\u0000b',
          title: '   ',
        }),
      );
      expectProblem(response, 400, '/problems/validation-failed');
      expect(pathsOf(response)).toEqual(expect.arrayContaining(['name', 'title']));
    });

    it('refuses text of only invisible characters, and bidi overrides that disguise a name', async () => {
      const missionId = await planMission(subject.server, 'Invisible City');
      const response = await refuse(() =>
        post(`/api/missions/${missionId}/diplomats`).send({
          ...DIPLOMAT,
          name: '\u200b\u200d',
          title: '\u202eCounsellor',
        }),
      );
      expectProblem(response, 400, '/problems/validation-failed');
      expect(pathsOf(response)).toEqual(expect.arrayContaining(['name', 'title']));
    });

    it('refuses names of fillers that render as nothing: Hangul fillers, a blank braille cell', async () => {
      const missionId = await planMission(subject.server, 'Filler City');
      for (const name of ['\u115f\u1160', '\u3164', '\uffa0', '\u2800', '\u034f ']) {
        const response = await refuse(() =>
          post(`/api/missions/${missionId}/diplomats`).send({ ...DIPLOMAT, name }),
        );
        expectProblem(response, 400, '/problems/validation-failed');
        expect(pathsOf(response)).toEqual(['name']);
      }
    });

    it('refuses text with nothing visible, or with characters that hide what it holds, and keeps a flag', async () => {
      const missionId = await planMission(subject.server, 'Hidden Text City');
      for (const title of [
        '\uffff',
        '\u{1fffe}',
        '\ufffc',
        '\u0301',
        'a\u{e0041}\u{e0042}',
        'a\ufff9b',
      ]) {
        const response = await refuse(() =>
          post(`/api/missions/${missionId}/diplomats`).send({ ...DIPLOMAT, title }),
        );
        expectProblem(response, 400, '/problems/validation-failed');
        expect(pathsOf(response)).toEqual(['title']);
      }
      const scotland = '\u{1f3f4}\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}';
      await post(`/api/missions/${missionId}/diplomats`)
        .send({ ...DIPLOMAT, title: `Consul ${scotland}` })
        .expect(201);
    });

    it('keeps text trimmed, in NFC, without format characters that mean nothing', async () => {
      const missionId = await planMission(subject.server, '  Ber\u00adn\ufeff ', {
        sendingState: 'SA',
        receivingState: 'CH',
      });
      expect(missionId).toBe('sa-ch-bern');
      await post(`/api/missions/${missionId}/diplomats`)
        .send({ ...DIPLOMAT, name: ' Rene\u0301 Mu\u200bller ' })
        .expect(201);
      const mission = await readMission(subject, missionId);
      expect(mission.body.city).toBe('Bern');
      expect(mission.body.diplomats[0].name).toBe('Ren\u00e9 Muller');
      const again = await request(subject.server)
        .post('/api/missions')
        .set(AS.staff)
        .send({ sendingState: 'SA', receivingState: 'CH', city: 'Bern', agreedOn: '2024-06-12' });
      expect(again.body.missionId).toBe('sa-ch-bern');
    });

    it('keeps the joiners and marks a script needs', async () => {
      const missionId = await planMission(subject.server, 'Joiner City');
      const response = await post(`/api/missions/${missionId}/diplomats`).send({
        ...DIPLOMAT,
        name: 'می\u200cخواهم \u200fDavoud',
      });
      expect(response.status).toBe(201);
    });

    it('refuses a body that is not an object', async () => {
      const missionId = await planMission(subject.server, 'Array Body City');
      for (const body of ['[1,2]', 'null', '"text"', '42']) {
        const response = await refuse(() =>
          post(`/api/missions/${missionId}/suspension`)
            .set('Content-Type', 'application/json')
            .send(body),
        );
        expectProblem(response, 400, '/problems/validation-failed');
        expect(response.body.errors).toEqual([
          { path: '(body)', message: 'must be a JSON object' },
        ]);
      }
    });

    it('refuses a body on a route that takes none, naming each field; an empty object is no body', async () => {
      const retry = () =>
        request(subject.server)
          .post('/api/admin/projections/mission-status/retry')
          .set(AS.admin)
          .set('Content-Type', 'application/json');
      const fields = await retry().send({ force: true, now: 1 });
      expectProblem(fields, 400, '/problems/validation-failed');
      expect(fields.body.errors).toEqual([
        { path: 'force', message: 'property force should not exist' },
        { path: 'now', message: 'property now should not exist' },
      ]);
      const list = await retry().send('[1]');
      expectProblem(list, 400, '/problems/validation-failed');
      expect(list.body.errors).toEqual([{ path: '(body)', message: 'this route takes no body' }]);
      expectProblem(await retry().send({}), 409, '/problems/projection-not-failed');
    });

    it('refuses any body on a route that reads none but a command, whatever it holds, before reading it, and closes the connection', async () => {
      const missionId = await planMission(subject.server, 'Body On Get City');
      const get = (path: string, as: Record<string, string> = AS.admin) =>
        request(subject.server).get(path).set(as);
      const cases: [string, request.Test][] = [
        [
          'JSON',
          get(`/api/missions/${missionId}`).set('Content-Type', 'application/json').send('{"a":1}'),
        ],
        [
          'malformed JSON',
          get('/api/events/export').set('Content-Type', 'application/json').send('{"a":'),
        ],
        ['text', get('/health').set('Content-Type', 'text/plain').send('hello')],
        ['no media type', get('/metrics').send(Buffer.from('bytes'))],
        [
          'JSON to a live feed',
          get('/api/live/missions').set('Content-Type', 'application/json').send('{}'),
        ],
        [
          'JSON to the OpenAPI document',
          get('/api/docs-json').set('Content-Type', 'application/json').send('{}'),
        ],
      ];
      for (const [label, send] of cases) {
        const response = await refuse(() => send);
        expect({ label, status: response.status }).toEqual({ label, status: 400 });
        expect(response.headers.connection).toBe('close');
        expectProblem(response, 400, '/problems/validation-failed');
        expect(response.body.errors).toEqual([
          { path: '(body)', message: 'this route takes no body' },
        ]);
      }
      const tooLarge = await get('/api/events')
        .set('Content-Type', 'application/json')
        .send(`"${'x'.repeat(2 * 1024 * 1024)}"`);
      expectProblem(tooLarge, 413, '/problems/payload-too-large');
      const anonymous = await request(subject.server)
        .get(`/api/missions/${missionId}`)
        .set('Content-Type', 'application/json')
        .send('{"a":1}');
      expectProblem(anonymous, 401, '/problems/unauthenticated');
      await get(`/api/missions/${missionId}`).set('Content-Length', '0').expect(200);
    });

    it('refuses query parameters named after properties every object has, or prototype, on routes that read a query too', async () => {
      const missionId = await planMission(subject.server, 'Prototype City');
      for (const name of [
        '__proto__',
        'constructor',
        'prototype',
        'toString',
        'valueOf',
        'hasOwnProperty',
        '__lookupGetter__',
      ]) {
        for (const [path, role] of [
          [`/api/missions?${name}=x`, AS.viewer],
          [`/api/missions/${missionId}?${name}=x`, AS.viewer],
          [`/api/meetings?${name}=x`, AS.viewer],
          [`/api/events?${name}=x`, AS.auditor],
        ] as const) {
          const response = await request(subject.server).get(path).set(role);
          expectProblem(response, 400, '/problems/validation-failed');
          expect(response.body.errors).toEqual([
            { path: name, message: `property ${name} should not exist` },
          ]);
        }
      }
    });

    it('lists such a parameter, or one not percent-encoded, beside the query’s other invalid parameters', async () => {
      for (const [path, role, refused] of [
        ['/api/missions?constructor=1&limit=abc&status=zz', AS.viewer, 'constructor'],
        ['/api/missions?__proto__=1&limit=abc&status=zz', AS.viewer, '__proto__'],
        ['/api/events?actor=%FF&limit=abc', AS.auditor, 'actor'],
      ] as const) {
        const response = await request(subject.server).get(path).set(role);
        expectProblem(response, 400, '/problems/validation-failed');
        expect(pathsOf(response)).toEqual(
          expect.arrayContaining([
            refused,
            'limit',
            ...(path.includes('status') ? ['status'] : []),
          ]),
        );
      }
    });

    it('refuses a query parameter with an empty name as a query error, on every route', async () => {
      for (const [path, role] of [
        ['/api/missions?=x', AS.viewer],
        ['/api/missions?limit=1&=', AS.viewer],
        ['/api/audit/digest?=x', AS.auditor],
      ] as const) {
        const response = await request(subject.server).get(path).set(role);
        expectProblem(response, 400, '/problems/validation-failed');
        expect(response.body.errors).toEqual([
          { path: '(query)', message: 'a query parameter with an empty name should not exist' },
        ]);
      }
    });

    it('refuses a parameter sent more than once for that, whatever its values, beside the others', async () => {
      for (const [path, role, name] of [
        ['/api/missions?limit=1&limit=2', AS.viewer, 'limit'],
        ['/api/missions?limit=1&limit=1', AS.viewer, 'limit'],
        ['/api/events?stream=a&stream=b', AS.auditor, 'stream'],
      ] as const) {
        const response = await request(subject.server).get(path).set(role);
        expectProblem(response, 400, '/problems/validation-failed');
        expect(response.body.errors).toEqual([
          { path: name, message: `${name} was sent more than once; send it once` },
        ]);
      }
      const both = await request(subject.server)
        .get('/api/missions?state=AE&state=IL&limit=x')
        .set(AS.viewer);
      expect(both.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
        'limit',
        'state',
      ]);
    });

    it('refuses a query parameter that is not percent-encoded UTF-8, naming it, as a path would be', async () => {
      for (const [path, name] of [
        ['/api/events?actor=%FF', 'actor'],
        ['/api/events?actor=%ED%A0%80', 'actor'],
        ['/api/audit/verify?stream=%FF', 'stream'],
        ['/api/audit/digest?x=%zz', 'x'],
      ]) {
        const response = await request(subject.server).get(path).set(AS.auditor);
        expectProblem(response, 400, '/problems/validation-failed');
        expect(response.body.errors).toEqual([
          { path: name, message: `${name} must be percent-encoded UTF-8` },
        ]);
      }
      await request(subject.server).get('/api/events?actor=Ren%C3%A9').set(AS.auditor).expect(200);
    });

    it('refuses a query string on a route that reads none, as routes with a query refuse unknown fields', async () => {
      const missionId = await planMission(subject.server, 'Query City');
      const command = await refuse(() =>
        post(`/api/missions/${missionId}/suspension?force=true`).send({
          on: '2024-07-01',
          reason: 'Hurricane',
        }),
      );
      expectProblem(command, 400, '/problems/validation-failed');
      expect(command.body.errors).toEqual([
        { path: 'force', message: 'property force should not exist' },
      ]);
      for (const [path, role] of [
        ['/api/admin/projections/mission-status/dead-letters?limit=abc', AS.admin],
        ['/api/events/export?x=1', AS.auditor],
        ['/api/audit/digest?x=1', AS.auditor],
      ] as const) {
        const response = await request(subject.server).get(path).set(role);
        expectProblem(response, 400, '/problems/validation-failed');
      }
      await request(subject.server).get('/api/audit/digest').set(AS.auditor).expect(200);
      await request(subject.server)
        .get(`/api/missions/${missionId}?minPosition=00000000000000000000000000000000`)
        .set(AS.viewer)
        .expect(200);
    });

    it('refuses a body of 90,000 unknown fields at once, in one error, however deep they sit', async () => {
      const fields = Object.fromEntries(Array.from({ length: 90_000 }, (_, i) => [`k${i}`, 0]));
      for (const body of [
        { sendingState: 'KR', receivingState: 'CU', city: 'Wide', ...fields },
        { sendingState: 'KR', receivingState: 'CU', city: 'Wide', targets: fields },
      ]) {
        const response = await refuse(() => post('/api/missions').send(body));
        expectProblem(response, 400, '/problems/validation-failed');
        expect(response.body.errors).toHaveLength(1);
      }
    });

    it('refuses deeply nested bodies with a 400, not a 500', async () => {
      const missionId = await staffedMission(subject.server, 'Deep City');
      const deepArray = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
      const deepObject = `${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`;
      const bodies = [
        [`/api/missions/${missionId}/embassy`, `{"openedOn":"2024-07-01","address":${deepArray}}`],
        [
          '/api/missions',
          `{"sendingState":"KR","receivingState":"CU","city":"Deep","targets":${deepObject}}`,
        ],
      ];
      for (const [path, body] of bodies) {
        for (const key of [undefined, `deep-${path.length}`]) {
          const response = await refuse(() => {
            const test = post(path).set('Content-Type', 'application/json');
            return (key ? test.set('Idempotency-Key', key) : test).send(body);
          });
          expectProblem(response, 400, '/problems/validation-failed');
        }
      }
    });

    it('refuses a malformed Idempotency-Key', async () => {
      const missionId = await planMission(subject.server, 'Key City');
      for (const key of ['has space', 'k'.repeat(256), 'tab\tkey']) {
        const response = await refuse(() =>
          post(`/api/missions/${missionId}/diplomats`).set('Idempotency-Key', key).send(DIPLOMAT),
        );
        expectProblem(response, 400, '/problems/validation-failed');
        expect(pathsOf(response)).toEqual(['header:Idempotency-Key']);
      }
    });

    it('refuses a malformed If-Match', async () => {
      const missionId = await planMission(subject.server, 'Bad If-Match City');
      const response = await refuse(() =>
        post(`/api/missions/${missionId}/diplomats`).set('If-Match', 'W/0').send(DIPLOMAT),
      );
      expectProblem(response, 400, '/problems/bad-if-match');
    });

    it('answers a URL with broken percent-encoding with a problem', async () => {
      const response = await refuse(() =>
        post('/api/missions/%E0%A4%A/embassy').send({ openedOn: '2024-07-01' }),
      );
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    });
  });

  describe('401 and 403', () => {
    it('refuses a request without a token', async () => {
      const response = await refuse(() =>
        request(subject.server).post('/api/missions').send({
          sendingState: 'KR',
          receivingState: 'CU',
          city: 'No Token',
        }),
      );
      expectProblem(response, 401, '/problems/unauthenticated');
      expect(response.headers['www-authenticate']).toMatch(/^Bearer /);
    });

    it('refuses a viewer posting', async () => {
      const response = await refuse(() =>
        request(subject.server)
          .post('/api/missions')
          .set(AS.viewer)
          .send({ sendingState: 'KR', receivingState: 'CU', city: 'Viewer City' }),
      );
      expectProblem(response, 403, '/problems/forbidden');
      expect(response.body.detail).toBe(
        'The viewer role may not do this; it needs staff or admin.',
      );
      const history = await request(subject.server).get('/api/events').set(AS.viewer).expect(403);
      expect(history.body.detail).toBe(
        'The viewer role may not do this; it needs auditor or admin.',
      );
    });

    it('checks the caller before the body: 401 or 403 whatever the body holds', async () => {
      const bodies: [string, string][] = [
        ['application/json', '{"city":'],
        ['application/json', `{"city":"${'x'.repeat(2 * 1024 * 1024)}"}`],
        ['text/plain', 'not json'],
      ];
      for (const [contentType, body] of bodies) {
        const anonymous = await refuse(() =>
          request(subject.server).post('/api/missions').set('Content-Type', contentType).send(body),
        );
        expectProblem(anonymous, 401, '/problems/unauthenticated');
        const viewer = await refuse(() =>
          request(subject.server)
            .post('/api/missions')
            .set(AS.viewer)
            .set('Content-Type', contentType)
            .send(body),
        );
        expectProblem(viewer, 403, '/problems/forbidden');
      }
    });
  });

  describe('404 unknown mission or diplomat', () => {
    it('refuses a command to a mission never planned, naming the rule', async () => {
      const response = await refuse(() =>
        post('/api/missions/kr-cu-atlantis/diplomats').send(DIPLOMAT),
      );
      const body = expectProblem(response, 404, '/problems/mission-not-planned');
      expect(body.rule).toBe('mission-not-planned');
    });

    it('answers 404 to reading a mission never planned', async () => {
      const response = await request(subject.server)
        .get('/api/missions/kr-cu-atlantis')
        .set(AS.viewer);
      expectProblem(response, 404, '/problems/not-found');
    });

    it.each(['..%2Fetc', 'kr-cu--havana', 'kr_cu_havana', '%20', 'kr-cu-', '%E2%82%AC'])(
      'treats the malformed mission id %j as unknown: a command refuses it as never planned',
      async (missionId) => {
        const command = await refuse(() =>
          post(`/api/missions/${missionId}/embassy`).send({ openedOn: '2024-07-01' }),
        );
        expectProblem(command, 404, '/problems/mission-not-planned');
        const read = await request(subject.server).get(`/api/missions/${missionId}`).set(AS.viewer);
        expectProblem(read, 404, '/problems/not-found');
      },
    );

    it('reads a mission id in any ASCII case only: a letter that folds to ASCII names no mission', async () => {
      expect(await planMission(subject.server, 'Kelvin City')).toBe('kr-cu-kelvin-city');
      // U+212A KELVIN SIGN, which JavaScript's toLowerCase turns into k.
      const kelvin = '/api/missions/%E2%84%AAr-cu-kelvin-city';
      const command = await refuse(() => post(`${kelvin}/diplomats`).send(DIPLOMAT));
      expectProblem(command, 404, '/problems/mission-not-planned');
      const read = await request(subject.server).get(kelvin).set(AS.viewer);
      expectProblem(read, 404, '/problems/not-found');
      expect((await readMission(subject, 'KR-CU-Kelvin-City')).status).toBe(200);
    });

    it('answers 404 to a path that climbs out of the API', async () => {
      const response = await refuse(() =>
        post('/api/missions/../etc/embassy').send({ openedOn: '2024-07-01' }),
      );
      expectProblem(response, 404, '/problems/not-found');
    });

    it('answers 405 with Allow to a method a path does not take (the OpenAPI routes too), 404 to a path that is not one', async () => {
      const cases: [string, string, string][] = [
        ['PUT', '/api/missions/kr-cu-havana', 'GET, HEAD'],
        ['DELETE', '/api/meetings', 'GET, HEAD, POST'],
        ['PATCH', '/api/missions/kr-cu-havana/embassy', 'POST'],
        ['GET', '/api/missions/kr-cu-havana/closure', 'POST'],
        ['OPTIONS', '/api/missions/kr-cu-havana', 'GET, HEAD'],
        ['PUT', '/health', 'GET, HEAD'],
        ...['PUT', 'POST', 'DELETE', 'PATCH', 'OPTIONS'].flatMap((method) => [
          [method, '/api/docs', 'GET, HEAD'] as [string, string, string],
          [method, '/api/docs-json', 'GET, HEAD'] as [string, string, string],
        ]),
        ['POST', '/api/docs/swagger-ui.css', 'GET, HEAD'],
      ];
      for (const [method, path, allow] of cases) {
        const response = await refuse(() =>
          request(subject.server)[method.toLowerCase() as 'put'](path).set(AS.staff).send({}),
        );
        expectProblem(response, 405, '/problems/method-not-allowed');
        expect(response.headers.allow).toBe(allow);
      }
      const nowhere = await request(subject.server).delete('/api/nowhere').set(AS.staff);
      expectProblem(nowhere, 404, '/problems/not-found');
    });

    it('refuses the arrival of a diplomat never dispatched, naming the rule', async () => {
      const missionId = await planMission(subject.server, 'Unknown Diplomat City');
      const response = await refuse(() =>
        post(
          `/api/missions/${missionId}/diplomats/0b0b0b0b-0b0b-4b0b-8b0b-0b0b0b0b0b0b/arrival`,
        ).send({ arrivedOn: '2024-06-14' }),
      );
      const body = expectProblem(response, 404, '/problems/diplomat-not-dispatched');
      expect(body.rule).toBe('diplomat-not-dispatched');
    });

    it('refuses a malformed diplomat id as it refuses an unknown one: one type for one reason', async () => {
      const missionId = await planMission(subject.server, 'Malformed Diplomat City');
      const response = await refuse(() =>
        post(`/api/missions/${missionId}/diplomats/not-a-uuid/arrival`).send({
          arrivedOn: '2024-06-14',
        }),
      );
      expect(expectProblem(response, 404, '/problems/diplomat-not-dispatched').rule).toBe(
        'diplomat-not-dispatched',
      );
      const read = await request(subject.server)
        .get(`/api/missions/${missionId}/diplomats/not-a-uuid`)
        .set(AS.viewer);
      expectProblem(read, 404, '/problems/not-found');
    });

    it('refuses an id that cannot be one exactly as an unknown one: same type, same order after the body', async () => {
      const nowhere = await refuse(() =>
        post('/api/missions/kr-cu-nowhere/diplomats/zzz/arrival').send({ arrivedOn: '2024-06-14' }),
      );
      expectProblem(nowhere, 404, '/problems/mission-not-planned');
      const nominee = await refuse(() =>
        post('/api/missions/kr--x/head-of-mission/zzz/agrement').send({ grantedOn: '2024-07-03' }),
      );
      expectProblem(nominee, 404, '/problems/mission-not-planned');
      for (const path of ['/api/missions/kr--x/closure', '/api/missions/kr-cu-nowhere/closure']) {
        const invalid = await refuse(() => post(path).send({ on: 'x', reason: 'r' }));
        expectProblem(invalid, 400, '/problems/validation-failed');
      }
    });

    it('answers 404 to a route that does not exist', async () => {
      const response = await refuse(() => post('/api/embassies').send({}));
      expectProblem(response, 404, '/problems/not-found');
    });
  });

  describe('409 refused by a domain rule', () => {
    /** A 409 whose type and `rule` name the rule, with a detail that explains it. */
    const expectRule = (response: request.Response, rule: string) => {
      const body = expectProblem(response, 409, `/problems/${rule}`);
      expect(body.rule).toBe(rule);
      expect(body.detail).not.toBe('');
    };

    it('opens the embassy only once', async () => {
      const missionId = await staffedMission(subject.server, 'Embassy Twice');
      await post(`/api/missions/${missionId}/embassy`).send({ openedOn: '2024-07-01' }).expect(201);
      const response = await refuse(() =>
        post(`/api/missions/${missionId}/embassy`).send({ openedOn: '2024-07-02' }),
      );
      expectRule(response, 'embassy-already-open');
    });

    it('opens the temporary office only once', async () => {
      const missionId = await staffedMission(subject.server, 'Office Twice');
      await post(`/api/missions/${missionId}/temporary-office`)
        .send({ openedOn: '2024-06-20' })
        .expect(201);
      const response = await refuse(() =>
        post(`/api/missions/${missionId}/temporary-office`).send({ openedOn: '2024-06-21' }),
      );
      expectRule(response, 'temporary-office-already-open');
    });

    it('opens no premises before anyone is on post', async () => {
      const missionId = await planMission(subject.server, 'Empty Post');
      await dispatchDiplomat(subject.server, missionId);
      const response = await refuse(() =>
        post(`/api/missions/${missionId}/temporary-office`).send({ openedOn: '2024-06-20' }),
      );
      expectRule(response, 'nobody-on-post');
    });

    it('records an arrival only once', async () => {
      const missionId = await planMission(subject.server, 'Arrive Twice');
      const diplomatId = await dispatchDiplomat(subject.server, missionId);
      const arrival = `/api/missions/${missionId}/diplomats/${diplomatId}/arrival`;
      await post(arrival).send({ arrivedOn: '2024-06-14' }).expect(201);
      const response = await refuse(() => post(arrival).send({ arrivedOn: '2024-06-15' }));
      expectRule(response, 'diplomat-already-arrived');
    });

    it('accepts nothing once the mission is closed', async () => {
      const missionId = await staffedMission(subject.server, 'Closed City');
      await post(`/api/missions/${missionId}/closure`)
        .send({ on: '2024-08-01', reason: 'Relations severed' })
        .expect(201);
      const attempts: [string, object][] = [
        ['diplomats', { ...DIPLOMAT, dispatchedOn: '2024-08-02' }],
        ['temporary-office', { openedOn: '2024-08-02' }],
        ['embassy', { openedOn: '2024-08-02' }],
        ['suspension', { on: '2024-08-02', reason: 'Again' }],
        ['resumption', { on: '2024-08-02' }],
        ['closure', { on: '2024-08-02', reason: 'Again' }],
      ];
      for (const [route, body] of attempts) {
        const response = await refuse(() => post(`/api/missions/${missionId}/${route}`).send(body));
        expectRule(response, 'mission-closed');
      }
      // Only an agreement made after the closure re-establishes it (a new lifecycle).
      const replan = await refuse(() =>
        post('/api/missions').send({
          sendingState: 'KR',
          receivingState: 'CU',
          city: 'Closed City',
          agreedOn: '2024-07-31',
        }),
      );
      expectRule(replan, 'mission-closed');
    });

    it('suspends a mission once, refuses a milestone dated after the suspension began while it lasts, and resumes only a suspended mission', async () => {
      const missionId = await staffedMission(subject.server, 'Suspended City');
      const notSuspended = await refuse(() =>
        post(`/api/missions/${missionId}/resumption`).send({ on: '2024-07-01' }),
      );
      expectRule(notSuspended, 'mission-not-suspended');

      await post(`/api/missions/${missionId}/suspension`)
        .send({ on: '2024-07-01', reason: 'Hurricane' })
        .expect(201);
      const twice = await refuse(() =>
        post(`/api/missions/${missionId}/suspension`).send({ on: '2024-07-02', reason: 'Again' }),
      );
      expectRule(twice, 'mission-already-suspended');
      for (const [route, body] of [
        ['diplomats', { ...DIPLOMAT, dispatchedOn: '2024-07-02' }],
        ['temporary-office', { openedOn: '2024-07-02' }],
        ['embassy', { openedOn: '2024-07-02' }],
      ] as const) {
        const response = await refuse(() => post(`/api/missions/${missionId}/${route}`).send(body));
        expectRule(response, 'mission-suspended');
      }

      await post(`/api/missions/${missionId}/resumption`).send({ on: '2024-07-10' }).expect(201);
      await post(`/api/missions/${missionId}/embassy`).send({ openedOn: '2024-07-11' }).expect(201);
    });
  });

  describe('412 stale If-Match', () => {
    it('refuses a command decided against an older revision', async () => {
      const missionId = await planMission(subject.server, 'Stale City');
      await dispatchDiplomat(subject.server, missionId);
      const response = await refuse(() =>
        post(`/api/missions/${missionId}/diplomats`).set('If-Match', '"0"').send(DIPLOMAT),
      );
      const body = expectProblem(response, 412, '/problems/stale-revision');
      expect(body.currentRevision).toBe(1);
    });
  });

  describe('413 body too large', () => {
    it('refuses a body over 1 MiB', async () => {
      const missionId = await staffedMission(subject.server, 'Large Body City');
      const response = await refuse(() =>
        post(`/api/missions/${missionId}/embassy`).send({
          openedOn: '2024-07-01',
          address: 'x'.repeat(1024 * 1024),
        }),
      );
      expectProblem(response, 413, '/problems/payload-too-large');
    });
  });

  describe('415 not JSON', () => {
    it('refuses with 415 a JSON body declared in another charset', async () => {
      const response = await refuse(() =>
        post('/api/missions')
          .set('Content-Type', 'application/json; charset=iso-8859-1')
          .send('{"sendingState":"KR","receivingState":"CU","city":"Latin City"}'),
      );
      expectProblem(response, 415, '/problems/unsupported-media-type');
      expect(response.body.detail).toMatch(/charset=iso-8859-1/);
    });

    it('refuses with 415 a compressed body, naming the coding it takes', async () => {
      const json = '{"sendingState":"KR","receivingState":"CU","city":"Zipped City"}';
      for (const coding of ['gzip', 'deflate', 'br']) {
        const response = await refuse(() =>
          post('/api/missions')
            .set('Content-Type', 'application/json')
            .set('Content-Encoding', coding)
            .send(gzipSync(json)),
        );
        expectProblem(response, 415, '/problems/unsupported-media-type');
        expect(response.body.detail).toMatch(new RegExp(`Content-Encoding: ${coding}`));
        expect(response.headers['accept-encoding']).toBe('identity');
      }
    });

    it.each([
      ['text/plain', '{"openedOn":"2024-07-01"}'],
      ['application/x-www-form-urlencoded', 'openedOn=2024-07-01'],
      ['application/xml', '<embassy openedOn="2024-07-01"/>'],
      ['multipart/form-data; boundary=x', '--x\r\n\r\nopenedOn\r\n--x--'],
    ])('refuses a %s body', async (contentType, body) => {
      const missionId = await staffedMission(subject.server, `Media ${contentType.split(';')[0]}`);
      const response = await refuse(() =>
        post(`/api/missions/${missionId}/embassy`).set('Content-Type', contentType).send(body),
      );
      expectProblem(response, 415, '/problems/unsupported-media-type');
    });
  });

  describe('422 dates out of order or in the future', () => {
    /** A 422 whose type and `rule` name the rule. */
    const expectUnprocessable = (response: request.Response, rule: string) => {
      const body = expectProblem(response, 422, `/problems/${rule}`);
      expect(body.rule).toBe(rule);
    };

    it('refuses a fact dated in the future', async () => {
      const missionId = await planMission(subject.server, 'Future City');
      const response = await refuse(() =>
        post(`/api/missions/${missionId}/diplomats`).send({
          ...DIPLOMAT,
          dispatchedOn: '2999-01-01',
        }),
      );
      expectUnprocessable(response, 'date-in-the-future');
      const meeting = await refuse(() =>
        post('/api/meetings').send({ ...ROK_CUBA_MEETING, heldOn: '2999-01-01' }),
      );
      expectUnprocessable(meeting, 'date-in-the-future');
      expect(meeting.body.path).toBe('heldOn');
      const plan = await refuse(() =>
        post('/api/missions').send({
          sendingState: 'KR',
          receivingState: 'CU',
          city: 'Future Agreement City',
          agreedOn: '2999-01-01',
        }),
      );
      expectUnprocessable(plan, 'date-in-the-future');
      expect(plan.body.detail).toMatch(/agreedOn 2999-01-01 is in the future/);
    });

    it('names where in a meeting the target it refuses is', async () => {
      const response = await refuse(() =>
        post('/api/meetings').send({
          ...ROK_CUBA_MEETING,
          outcomes: [
            {
              kind: 'establish-missions',
              summary: 'Missions',
              missions: [
                { sendingState: 'KR', receivingState: 'CU', city: 'Santiago de Cuba' },
                {
                  sendingState: 'CU',
                  receivingState: 'KR',
                  city: 'Busan',
                  targets: { embassyBy: '2024-01-31' },
                },
              ],
            },
          ],
        }),
      );
      expectUnprocessable(response, 'target-before-meeting');
      expect(response.body.path).toBe('outcomes[0].missions[1].targets.embassyBy');
    });

    it('refuses an arrival before the dispatch', async () => {
      const missionId = await planMission(subject.server, 'Early Arrival');
      const diplomatId = await dispatchDiplomat(subject.server, missionId);
      const response = await refuse(() =>
        post(`/api/missions/${missionId}/diplomats/${diplomatId}/arrival`).send({
          arrivedOn: '2024-06-09',
        }),
      );
      expectUnprocessable(response, 'arrival-before-dispatch');
    });

    it('refuses an expected arrival before the dispatch', async () => {
      const missionId = await planMission(subject.server, 'Expected Early');
      const response = await refuse(() =>
        post(`/api/missions/${missionId}/diplomats`).send({
          ...DIPLOMAT,
          expectedArrivalOn: '2024-06-01',
        }),
      );
      expectUnprocessable(response, 'expected-arrival-before-dispatch');
    });

    it('refuses an embassy dated before the temporary office', async () => {
      const missionId = await staffedMission(subject.server, 'Embassy Early');
      await post(`/api/missions/${missionId}/temporary-office`)
        .send({ openedOn: '2024-07-01' })
        .expect(201);
      const response = await refuse(() =>
        post(`/api/missions/${missionId}/embassy`).send({ openedOn: '2024-06-30' }),
      );
      expectUnprocessable(response, 'embassy-before-temporary-office');
    });

    it('refuses a resumption dated before the suspension', async () => {
      const missionId = await planMission(subject.server, 'Resume Early');
      await post(`/api/missions/${missionId}/suspension`)
        .send({ on: '2024-07-01', reason: 'Hurricane' })
        .expect(201);
      const response = await refuse(() =>
        post(`/api/missions/${missionId}/resumption`).send({ on: '2024-06-30' }),
      );
      expectUnprocessable(response, 'date-before-latest-milestone');
    });

    it('refuses a milestone dated before the mission was agreed', async () => {
      const missionId = await staffedMission(subject.server, 'Before Agreement');
      const response = await refuse(() =>
        post(`/api/missions/${missionId}/embassy`).send({ openedOn: '2024-06-01' }),
      );
      expectUnprocessable(response, 'date-before-agreement');
    });

    it('refuses an idempotency key reused with another request', async () => {
      const missionId = await planMission(subject.server, 'Key Reuse');
      await post(`/api/missions/${missionId}/diplomats`)
        .set('Idempotency-Key', 'error-spec-key')
        .send(DIPLOMAT)
        .expect(201);
      const response = await refuse(() =>
        post(`/api/missions/${missionId}/diplomats`)
          .set('Idempotency-Key', 'error-spec-key')
          .send({ ...DIPLOMAT, name: 'Someone else' }),
      );
      expectProblem(response, 422, '/problems/idempotency-key-reused');
    });
  });

  describe('never a 500 for what a client sent', () => {
    it('reads and commands a mission whose id is as long as the longest city allows', async () => {
      const city = 'C'.repeat(100);
      const missionId = await planMission(subject.server, city);
      expect(missionId).toHaveLength(106);
      expect((await readMission(subject, missionId)).status).toBe(200);
      await post(`/api/missions/${missionId}/diplomats`).send(DIPLOMAT).expect(201);
    });

    it('answers an overlong mission id with a problem', async () => {
      const response = await refuse(() =>
        request(subject.server)
          .get(`/api/missions/kr-cu-${'a'.repeat(2000)}`)
          .set(AS.viewer),
      );
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    });
  });
});
