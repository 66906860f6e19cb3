import type { Type } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import request from 'supertest';
import { getMetadataStorage } from 'class-validator';
import { ROLES } from '../../src/auth/role.js';
import { DesignateChargeDAffairesRequest } from '../../src/heads-of-mission/commands/designate-charge-d-affaires/designate-charge-d-affaires.request.js';
import { EndFunctionsRequest } from '../../src/heads-of-mission/commands/end-functions/end-functions.request.js';
import { NominateHeadOfMissionRequest } from '../../src/heads-of-mission/commands/nominate-head-of-mission/nominate-head-of-mission.request.js';
import { RecordMeetingRequest } from '../../src/meetings/commands/record-meeting/record-meeting.request.js';
import { DispatchDiplomatRequest } from '../../src/missions/commands/dispatch-diplomat/dispatch-diplomat.request.js';
import {
  DatedReasonRequest,
  DatedRequest,
} from '../../src/missions/commands/operations.request.js';
import { PlanMissionRequest } from '../../src/missions/commands/plan-mission/plan-mission.request.js';
import { OpenPremisesRequest } from '../../src/missions/commands/premises.request.js';
import { RecordDiplomatArrivalRequest } from '../../src/missions/commands/record-diplomat-arrival/record-diplomat-arrival.request.js';
import { Drain } from '../../src/operations/drain.js';
import { AS } from '../support/http-api.js';
import { openApiValidator } from '../support/openapi-validator.js';
import { ROK_CUBA_MEETING } from '../support/rok-cuba.js';
import { startTestApp, TOKENS, type TestApp } from '../support/test-app.js';

interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  pattern?: string;
  description?: string;
  enum?: unknown[];
  required?: string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  allOf?: Schema[];
}
interface MediaType {
  schema?: Schema;
  examples?: Record<string, { value: unknown }>;
}
interface Response {
  description: string;
  headers?: Record<string, unknown>;
  content?: Record<string, MediaType>;
}
interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: Schema;
}
interface Operation {
  operationId?: string;
  summary?: string;
  description?: string;
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, MediaType> };
  responses: Record<string, Response>;
  security?: Record<string, string[]>[];
  'x-allowed-roles'?: string[];
}
interface Document {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas: Record<string, Schema>;
    securitySchemes: Record<string, { type: string; scheme?: string }>;
  };
}

const PROBLEM = 'application/problem+json';
const DOCS_PATHS = /^\/api\/docs(-json|\/|$)/;

/** Every route the Fastify router holds, from its route tree (`/:id` segments as OpenAPI `{id}`). */
function routerRoutes(fastify: FastifyInstance): { method: string; path: string }[] {
  const routes: { method: string; path: string }[] = [];
  const prefixes: string[] = [];
  for (const line of fastify.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^(.*?)[├└]── (\S+)(?: \(([^)]*)\))?/.exec(line);
    if (!match) continue;
    const depth = [...match[1]].length / 4;
    prefixes.length = depth;
    const path = `${prefixes.join('')}${match[2]}`;
    prefixes.push(match[2]);
    for (const method of (match[3] ?? '').split(',').map((m) => m.trim().toLowerCase())) {
      if (method === 'get' || method === 'post') {
        routes.push({ method, path: path.replace(/:([A-Za-z0-9_]+)/g, '{$1}') });
      }
    }
  }
  return routes;
}

function operations(document: Document): { method: string; path: string; operation: Operation }[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({ method, path, operation })),
  );
}

function schemaOf(document: Document, schema: Schema | undefined): Schema {
  const ref = schema?.$ref ?? schema?.allOf?.[0]?.$ref;
  if (!ref) return schema ?? {};
  const name = ref.replace('#/components/schemas/', '');
  const found = document.components.schemas[name];
  if (!found) throw new Error(`no schema ${name}`);
  return found;
}

/** The properties class-validator checks on a DTO, and which of them it requires. */
function validatedProperties(dto: Type<unknown>): { all: string[]; required: string[] } {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(dto, '', false, false);
  const all = [...new Set(metadata.map((m) => m.propertyName))];
  const optional = new Set(
    metadata.filter((m) => m.type === 'conditionalValidation').map((m) => m.propertyName),
  );
  return { all, required: all.filter((name) => !optional.has(name)) };
}

describe('OpenAPI document and Swagger UI', () => {
  let subject: TestApp;
  let document: Document;

  beforeAll(async () => {
    subject = await startTestApp();
    const response = await request(subject.server).get('/api/docs-json').expect(200);
    document = response.body as Document;
  });
  afterAll(() => subject.dispose());

  it('serves the JSON document without a token, whatever Authorization says', async () => {
    const response = await request(subject.server).get('/api/docs-json').expect(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.body.openapi).toMatch(/^3\./);
    await request(subject.server)
      .get('/api/docs-json')
      .set('Authorization', 'Bearer not-a-known-token')
      .expect(200);
  });

  it('serves Swagger UI as HTML, with its assets, without a token', async () => {
    const page = await request(subject.server).get('/api/docs').expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('<div id="swagger-ui"></div>');
    await request(subject.server).get('/api/docs/').expect(200);
    const init = await request(subject.server).get('/api/docs/swagger-ui-init.js').expect(200);
    expect(init.text).toContain('"url":"/api/docs-json"');
    for (const asset of [
      'swagger-ui.css',
      'swagger-ui-bundle.js',
      'swagger-ui-standalone-preset.js',
    ]) {
      expect(page.text).toContain(`/api/docs/${asset}`);
      const response = await request(subject.server).get(`/api/docs/${asset}`).expect(200);
      expect(Number(response.headers['content-length'])).toBeGreaterThan(1000);
    }
  });

  it('documents every GET and POST route the router has under /api, and only those', () => {
    const fastify = subject.app.getHttpAdapter().getInstance();
    const routes = routerRoutes(fastify).filter(
      (r) => r.path.startsWith('/api/') && !DOCS_PATHS.test(r.path),
    );
    expect(routes.length).toBeGreaterThan(10);
    const documented = operations(document).map(({ method, path }) => `${method} ${path}`);
    for (const route of routes) expect(documented).toContain(`${route.method} ${route.path}`);
    for (const { method, path } of operations(document)) {
      const url = path.replace(/\{([^}]+)\}/g, ':$1');
      expect({
        method,
        path,
        routed: fastify.hasRoute({ method: method.toUpperCase(), url }),
      }).toEqual({ method, path, routed: true });
    }
    expect(documented).toContain('get /health');
  });

  it('declares bearer auth, and for every /api operation the roles that may call it', () => {
    expect(document.components.securitySchemes.bearer).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
    for (const { path, method, operation } of operations(document)) {
      if (!path.startsWith('/api/')) continue;
      const where = `${method} ${path}`;
      expect({ where, security: operation.security }).toEqual({
        where,
        security: [{ bearer: [] }],
      });
      expect({ where, roles: operation['x-allowed-roles'] }).toEqual({
        where,
        roles: expect.arrayContaining(['admin']),
      });
      expect(operation.description).toMatch(/\*\*Roles:\*\*/);
      for (const role of operation['x-allowed-roles'] ?? []) {
        expect(operation.description).toContain(`\`${role}\``);
      }
      expect({ where, roles: operation.description?.match(/`admin`/g)?.length }).toEqual({
        where,
        roles: 1,
      });
    }
    expect(document.paths['/api/missions'].post['x-allowed-roles']).toEqual(['staff', 'admin']);
    expect(document.paths['/api/missions/{missionId}'].get['x-allowed-roles']).toEqual([
      'staff',
      'auditor',
      'viewer',
      'admin',
    ]);
    // A role not allowed is the only 403: none where every role may call the route.
    for (const { path, method, operation } of operations(document)) {
      const allowed = operation['x-allowed-roles'];
      const where = `${method} ${path}`;
      const refusesARole = allowed !== undefined && allowed.length < ROLES.length;
      expect({ where, forbidden: operation.responses['403'] !== undefined }).toEqual({
        where,
        forbidden: refusesARole,
      });
    }
    const health = document.paths['/health'].get;
    expect(health.security).toEqual([]);
    expect(health.description).toMatch(/\*\*Public:\*\*/);
    expect(Object.keys(health.responses).sort()).toEqual(['200', '400', '503']);
  });

  it('documents no 403 on a route every role may call, and every role is answered there', async () => {
    const answers: string[] = [];
    for (const path of ['/metrics', '/api/missions', '/api/meetings']) {
      expect(document.paths[path].get.responses['403']).toBeUndefined();
      for (const role of ROLES) {
        const response = await request(subject.server).get(path).set(AS[role]);
        answers.push(`${path} ${role} ${response.status}`);
      }
    }
    expect(answers.filter((answer) => !answer.endsWith(' 200'))).toEqual([]);
  });

  it('documents on every operation the 503 of a node shutting down, beside its own 503s', () => {
    for (const { method, path, operation } of operations(document)) {
      const where = `${method} ${path}`;
      const unavailable = operation.responses['503'];
      const problem = unavailable?.content?.[PROBLEM];
      expect({ where, schema: problem?.schema }).toEqual({
        where,
        schema: { $ref: '#/components/schemas/Problem' },
      });
      expect({ where, type: problem?.examples?.['shutting-down']?.value }).toEqual({
        where,
        type: expect.objectContaining({ type: '/problems/shutting-down', status: 503 }),
      });
      expect(unavailable.description).toContain('`/problems/shutting-down`');
      expect(Object.keys(unavailable.headers ?? {})).toEqual(
        expect.arrayContaining(['Retry-After', 'Connection', 'X-Correlation-Id']),
      );
      // Commands also answer 503 when the store cannot write: both types are listed.
      if (operation.requestBody) {
        expect({ where, store: unavailable.description }).toEqual({
          where,
          store: expect.stringContaining('`/problems/store-unavailable`'),
        });
      }
    }
    // The health routes' own 503s keep their JSON reports beside the problem.
    for (const path of ['/health', '/health/ready']) {
      const unavailable = document.paths[path].get.responses['503'];
      expect(Object.keys(unavailable.content ?? {}).sort()).toEqual(['application/json', PROBLEM]);
    }
  });

  it('documents every error of every POST as application/problem+json with the Problem schema', () => {
    const posts = operations(document).filter((o) => o.method === 'post');
    expect(posts.length).toBeGreaterThanOrEqual(10);
    for (const { path, operation } of posts) {
      const statuses = ['400', '401', '403', '413', '415', '422'];
      if (path.includes('{')) statuses.push('404');
      // Commands (POSTs with a body) also answer 409 and 412 (If-Match).
      if (operation.requestBody) statuses.push('409', '412');
      for (const status of statuses) {
        const response = operation.responses[status];
        const where = `POST ${path} ${status}`;
        expect({ where, documented: response !== undefined }).toEqual({ where, documented: true });
        expect(response.content?.[PROBLEM]?.schema).toEqual({
          $ref: '#/components/schemas/Problem',
        });
        expect(response.description).toMatch(/`\/problems\/[a-z-]+`/);
      }
      expect(operation.parameters?.map((p) => p.name)).toEqual(
        expect.arrayContaining(['Idempotency-Key', 'X-Correlation-Id']),
      );
    }
    const problem = document.components.schemas.Problem;
    expect(Object.keys(problem.properties ?? {})).toEqual(
      expect.arrayContaining(['type', 'title', 'status', 'detail', 'instance', 'errors', 'rule']),
    );
    expect(problem.required).toEqual(expect.arrayContaining(['type', 'title', 'status', 'detail']));
    expect(schemaOf(document, problem.properties?.errors?.items).properties).toHaveProperty('path');
  });

  it('documents the command headers and success answers: If-Match, ETag, Location', () => {
    const commands = operations(document).filter((o) => o.operation.requestBody);
    // 9 meeting and mission commands, 10 of the head-of-mission track.
    expect(commands).toHaveLength(19);
    for (const { path, operation } of commands) {
      expect(operation.parameters?.map((p) => p.name)).toEqual(
        expect.arrayContaining(['Idempotency-Key', 'If-Match', 'X-Correlation-Id']),
      );
      expect(operation.responses['503']?.content?.[PROBLEM]).toBeDefined();
      const created = operation.responses['201'];
      expect({ path, headers: Object.keys(created.headers ?? {}) }).toEqual({
        path,
        headers: expect.arrayContaining(['ETag', 'Location', 'X-Correlation-Id']),
      });
      const body = schemaOf(document, created.content?.['application/json']?.schema);
      expect(body.required).toEqual(expect.arrayContaining(['revision', 'position']));
    }
    const dispatched = document.paths['/api/missions/{missionId}/diplomats'].post.responses['201'];
    expect(schemaOf(document, dispatched.content?.['application/json']?.schema).required).toEqual(
      expect.arrayContaining(['missionId', 'diplomatId', 'revision', 'position']),
    );
    const meeting = document.paths['/api/meetings'].post.responses['201'];
    expect(meeting.content?.['application/json']?.schema).toEqual({
      $ref: '#/components/schemas/RecordMeetingResponse',
    });
    const recorded = schemaOf(document, meeting.content?.['application/json']?.schema);
    expect(recorded.required).toEqual(
      expect.arrayContaining([
        'meetingId',
        'missionIds',
        'missionsNotPlanned',
        'revision',
        'position',
      ]),
    );
    expect(document.components.schemas.MissionNotPlanned.required).toEqual(
      expect.arrayContaining(['missionId', 'path', 'rule', 'detail']),
    );
    const mission = document.paths['/api/missions/{missionId}'].get;
    expect(Object.keys(mission.responses)).toEqual(expect.arrayContaining(['200', '401', '404']));
    expect(mission.responses['200'].headers).toHaveProperty('ETag');
  });

  it('documents on every route with a token its rate limit (headers, 429) and the 400 of input it does not read', () => {
    for (const { method, path, operation } of operations(document)) {
      const where = `${method} ${path}`;
      // Every route, public ones included, refuses a query string it does not read.
      expect({ where, documented: operation.responses['400']?.content?.[PROBLEM] }).toEqual({
        where,
        documented: expect.objectContaining({ schema: { $ref: '#/components/schemas/Problem' } }),
      });
      for (const [status, response] of Object.entries(operation.responses)) {
        expect({ where, status, headers: Object.keys(response.headers ?? {}) }).toEqual({
          where,
          status,
          headers: expect.arrayContaining(['X-Correlation-Id']),
        });
      }
      if (!operation.security?.length) continue;
      expect({ where, statuses: Object.keys(operation.responses) }).toEqual({
        where,
        statuses: expect.arrayContaining(['400', '429']),
      });
      // Every answer once the token was counted (before the body is read), errors included; not 401 or 403.
      for (const [status, response] of Object.entries(operation.responses)) {
        const headers = Object.keys(response.headers ?? {});
        const limits = ['X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset'];
        expect({ where, status, limits: limits.filter((h) => headers.includes(h)) }).toEqual({
          where,
          status,
          // A node shutting down answers before the token is counted; a store's 503 after.
          limits:
            ['401', '403'].includes(status) ||
            (status === '503' && !response.description.includes('/problems/store-unavailable'))
              ? []
              : limits,
        });
      }
    }
    const relation = document.paths['/api/relations/{pair}'].get.responses['200'];
    expect(schemaOf(document, relation.content?.['application/json']?.schema).required).toEqual(
      expect.arrayContaining(['id', 'states', 'summary', 'missions', 'meetings']),
    );
    const status = document.paths['/api/admin/projections'].get.responses['200'];
    const items = status.content?.['application/json']?.schema?.items;
    expect(schemaOf(document, items).required).toEqual(
      expect.arrayContaining(['name', 'position', 'lag', 'state', 'lastError']),
    );
    const rebuild = document.paths['/api/admin/projections/{name}/rebuild'].post.responses['202'];
    expect(schemaOf(document, rebuild.content?.['application/json']?.schema).required).toEqual(
      expect.arrayContaining(['name', 'generation', 'alreadyRunning']),
    );
    const retry = document.paths['/api/admin/projections/{name}/retry'].post;
    expect(JSON.stringify(retry.responses['409'])).toContain('/problems/projection-not-failed');
  });

  it('documents every request body as a schema with the fields validation requires', () => {
    const bodies: [string, Type<unknown>, string[]][] = [
      ['/api/meetings', RecordMeetingRequest, ['title', 'heldOn', 'parties', 'outcomes']],
      ['/api/missions', PlanMissionRequest, ['sendingState', 'receivingState', 'city']],
      [
        '/api/missions/{missionId}/diplomats',
        DispatchDiplomatRequest,
        ['name', 'title', 'role', 'dispatchedOn'],
      ],
      [
        '/api/missions/{missionId}/diplomats/{diplomatId}/arrival',
        RecordDiplomatArrivalRequest,
        ['arrivedOn'],
      ],
      ['/api/missions/{missionId}/temporary-office', OpenPremisesRequest, ['openedOn']],
      ['/api/missions/{missionId}/embassy', OpenPremisesRequest, ['openedOn']],
      ['/api/missions/{missionId}/suspension', DatedReasonRequest, ['on', 'reason']],
      ['/api/missions/{missionId}/resumption', DatedRequest, ['on']],
      ['/api/missions/{missionId}/closure', DatedReasonRequest, ['on', 'reason']],
      [
        '/api/missions/{missionId}/head-of-mission',
        NominateHeadOfMissionRequest,
        ['name', 'title', 'nominatedOn'],
      ],
      [
        '/api/missions/{missionId}/head-of-mission/{headOfMissionId}/end-of-functions',
        EndFunctionsRequest,
        ['endedOn', 'reason'],
      ],
      [
        '/api/missions/{missionId}/charge-d-affaires',
        DesignateChargeDAffairesRequest,
        ['name', 'title', 'designatedOn'],
      ],
    ];
    for (const [path, dto, required] of bodies) {
      const body = document.paths[path].post.requestBody;
      expect(body?.required).toBe(true);
      const ref = body?.content['application/json']?.schema?.$ref;
      expect({ path, ref }).toEqual({ path, ref: `#/components/schemas/${dto.name}` });
      const schema = schemaOf(document, body?.content['application/json']?.schema);
      expect({ path, required: [...(schema.required ?? [])].sort() }).toEqual({
        path,
        required: [...required].sort(),
      });
      const validated = validatedProperties(dto);
      expect([...validated.required].sort()).toEqual([...required].sort());
      expect(Object.keys(schema.properties ?? {}).sort()).toEqual([...validated.all].sort());
    }
  });

  it('documents nested bodies, dates, state codes and enums as validation checks them', () => {
    const schemas = document.components.schemas;
    for (const name of ['RecordMeetingRequest', 'OutcomeRequest', 'AgreedMissionRequest']) {
      expect(schemas[name]).toBeDefined();
    }
    expect(schemas.OutcomeRequest.required).toEqual(['kind', 'summary']);
    expect(schemas.ParticipantRequest.required).toEqual(['name', 'title', 'state']);
    expect(schemas.MissionSourceRequest.required).toEqual(['meetingId', 'outcomeId']);
    expect(schemas.RecordMeetingRequest.properties?.heldOn).toMatchObject({
      type: 'string',
      format: 'date',
    });
    expect(schemas.MissionTargetsRequest.properties?.temporaryOfficeBy?.format).toBe('date');
    expect(schemas.PlanMissionRequest.properties?.sendingState?.pattern).toBe('^[A-Z]{2}$');
    expect(schemas.RecordMeetingRequest.properties?.parties?.items?.pattern).toBe('^[A-Z]{2}$');
    expect(schemas.PlanMissionRequest.properties?.sendingState?.description).toContain('XK');
    const outcomeId = new RegExp(
      schemas.MissionSourceRequest.properties?.outcomeId?.pattern ?? '(?!)',
    );
    expect(['outcome-1', 'OUTCOME-3'].map((id) => outcomeId.test(id))).toEqual([true, true]);
    expect(schemaOf(document, schemas.OutcomeRequest.properties?.kind).enum).toEqual([
      'establish-missions',
      'cooperation',
      'other',
    ]);
    expect(schemaOf(document, schemas.DispatchDiplomatRequest.properties?.role).enum).toEqual([
      'head-of-mission',
      'head-of-office',
      'staff',
    ]);
    const examples =
      document.paths['/api/meetings'].post.requestBody?.content['application/json']?.examples;
    expect(examples?.['rok-cuba']?.value).toEqual(ROK_CUBA_MEETING);
  });

  it('documents the problem types the service actually answers with', async () => {
    const typesOf = (path: string, method: string, status: number) =>
      document.paths[path][method].responses[String(status)].description;
    const staff = { Authorization: `Bearer ${TOKENS.staff}` };
    const cases: { documented: string; send: () => request.Test }[] = [
      {
        documented: '/api/meetings',
        send: () => request(subject.server).post('/api/meetings').send(ROK_CUBA_MEETING),
      },
      {
        documented: '/api/meetings',
        send: () =>
          request(subject.server)
            .post('/api/meetings')
            .set({ Authorization: `Bearer ${TOKENS.viewer}` })
            .send(ROK_CUBA_MEETING),
      },
      {
        documented: '/api/meetings',
        send: () =>
          request(subject.server)
            .post('/api/meetings')
            .set(staff)
            .send({ ...ROK_CUBA_MEETING, heldOn: '12 June 2024' }),
      },
      {
        documented: '/api/missions/{missionId}/embassy',
        send: () =>
          request(subject.server)
            .post('/api/missions/x/embassy')
            .set(staff)
            .send({ openedOn: '2025-01-17' }),
      },
      {
        documented: '/api/missions/{missionId}/embassy',
        send: () =>
          request(subject.server)
            .post(`/api/missions/kr-cu-${'x'.repeat(300)}/embassy`)
            .set(staff)
            .send({ openedOn: '2025-01-17' }),
      },
      {
        documented: '/api/missions/{missionId}/embassy',
        send: () =>
          request(subject.server)
            .post('/api/missions/kr-cu-nowhere/embassy')
            .set({ ...staff, 'If-Match': 'seven' })
            .send({ openedOn: '2025-01-17' }),
      },
      {
        documented: '/api/missions/{missionId}/embassy',
        send: () =>
          request(subject.server)
            .post('/api/missions/kr-cu-nowhere/embassy')
            .set({ ...staff, 'Content-Type': 'text/plain' })
            .send('openedOn=2025-01-17'),
      },
      {
        documented: '/api/missions/{missionId}/embassy',
        send: () =>
          request(subject.server)
            .post('/api/missions/kr-cu-nowhere/embassy')
            .set(staff)
            .send({ openedOn: '2025-01-17' }),
      },
    ];
    const answers: string[] = [];
    for (const { documented, send } of cases) {
      const response = await send();
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(typesOf(documented, 'post', response.status)).toContain(`\`${response.body.type}\``);
      answers.push(`${response.status} ${response.body.type}`);
    }
    expect(answers).toEqual([
      '401 /problems/unauthenticated',
      '403 /problems/forbidden',
      '400 /problems/validation-failed',
      '404 /problems/mission-not-planned',
      '404 /problems/not-found',
      '400 /problems/bad-if-match',
      '415 /problems/unsupported-media-type',
      '404 /problems/mission-not-planned',
    ]);
  });

  it('documents the fields a domain rule refuses under the 400 that names them, not under 422', async () => {
    const staff = { Authorization: `Bearer ${TOKENS.staff}` };
    const validate = openApiValidator(document);
    const cases = [
      {
        path: '/api/missions',
        body: { sendingState: 'KR', receivingState: 'KR', city: '!!!' },
      },
      {
        path: '/api/meetings',
        body: {
          ...ROK_CUBA_MEETING,
          parties: ['KR', 'KR'],
          outcomes: [
            { outcomeId: 'o', kind: 'cooperation', summary: 'Trade', areas: ['trade', 'Trade'] },
            {
              outcomeId: 'o',
              kind: 'establish-missions',
              summary: 'Missions',
              missions: [
                { sendingState: 'KR', receivingState: 'US', city: 'Washington' },
                { sendingState: 'KR', receivingState: 'US', city: 'washington' },
              ],
            },
          ],
        },
      },
    ];
    const rules: string[] = [];
    for (const { path, body } of cases) {
      const response = await request(subject.server).post(path).set(staff).send(body).expect(400);
      const responses = document.paths[path].post.responses;
      expect(validate({ $ref: '#/components/schemas/Problem' }, response.body)).toEqual([]);
      for (const { rule } of response.body.errors as { rule: string }[]) {
        rules.push(rule);
        expect(responses['400'].description).toContain(`\`${rule}\``);
        expect(responses['422'].description).not.toContain(`/problems/${rule}\``);
      }
    }
    expect(rules).toEqual([
      'same-sending-and-receiving-state',
      'invalid-city',
      'same-parties',
      'duplicate-area',
      'duplicate-outcome',
      'mission-not-between-parties',
      'mission-not-between-parties',
      'duplicate-mission',
    ]);
  });

  it('describes the health answers with schemas and examples their real bodies satisfy', async () => {
    const validate = openApiValidator(document);
    for (const path of ['/health', '/health/live', '/health/ready']) {
      const response = await request(subject.server).get(path).expect(200);
      const ok = document.paths[path].get.responses['200'].content?.['application/json'];
      expect({ path, ref: ok?.schema?.$ref }).toEqual({ path, ref: expect.any(String) });
      expect({ path, errors: validate(ok?.schema, response.body) }).toEqual({ path, errors: [] });
      const example = (ok as { example?: unknown } | undefined)?.example;
      expect({ path, errors: validate(ok?.schema, example) }).toEqual({ path, errors: [] });
      // The example has the members the real body has.
      expect({ path, members: Object.keys(example ?? {}).sort() }).toEqual({
        path,
        members: Object.keys(response.body).sort(),
      });
      if ('info' in response.body) {
        expect(Object.keys((example as { info: object }).info).sort()).toEqual(
          Object.keys(response.body.info).sort(),
        );
      }
    }
  });

  it('admits null wherever a view returns null, and the referenced schema otherwise, read strictly as OpenAPI 3.0', async () => {
    const staff = { Authorization: `Bearer ${TOKENS.staff}` };
    const mission = '/api/missions/kr-cu-nullable-city';
    await request(subject.server)
      .post('/api/missions')
      .set(staff)
      .send({
        sendingState: 'KR',
        receivingState: 'CU',
        city: 'Nullable City',
        agreedOn: '2024-06-12',
      })
      .expect(201);
    await request(subject.server)
      .post(`${mission}/diplomats`)
      .set(staff)
      .send({ name: 'A clerk', title: 'Clerk', role: 'staff', dispatchedOn: '2024-06-10' })
      .expect(201);
    const validate = openApiValidator(document);
    const schema = { $ref: '#/components/schemas/Mission' };
    const bare = (await request(subject.server).get(mission).set(staff).expect(200)).body;
    expect(bare).toMatchObject({ temporaryOffice: null, embassy: null, closure: null });
    expect(validate(schema, bare)).toEqual([]);

    await request(subject.server)
      .post(`${mission}/diplomats/${bare.diplomats[0].diplomatId}/arrival`)
      .set(staff)
      .send({ arrivedOn: '2024-06-14' })
      .expect(201);
    await request(subject.server)
      .post(`${mission}/temporary-office`)
      .set(staff)
      .send({ openedOn: '2024-06-28' })
      .expect(201);
    const opened = (await request(subject.server).get(mission).set(staff).expect(200)).body;
    expect(opened.temporaryOffice).not.toBeNull();
    expect(validate(schema, opened)).toEqual([]);
    expect(validate(schema, { ...opened, temporaryOffice: 'not premises' })).not.toEqual([]);

    // A verify report's bad event, as one with a missing hash reads.
    const badEvent = { $ref: '#/components/schemas/BadEvent' };
    const missingHash = {
      stream: 'mission-kr-cu-havana',
      revision: 0,
      position: '0000000000000001',
      id: null,
      type: 'MissionPlanned',
      problem: 'missing-hash',
      detail: 'the event has no hash',
      expected: null,
      found: null,
    };
    expect(validate(badEvent, missingHash)).toEqual([]);
    expect(validate(badEvent, { ...missingHash, expected: 'abc', found: 3 })).toEqual([]);
  });

  it('documents an optional body field the service reads null as left out as nullable, and no other', async () => {
    const validate = openApiValidator(document);
    const staff = { Authorization: `Bearer ${TOKENS.staff}` };
    const plan = {
      sendingState: 'KR',
      receivingState: 'CU',
      city: 'Null Fields City',
      targets: null,
      source: null,
      agreedOn: null,
    };
    expect(validate({ $ref: '#/components/schemas/PlanMissionRequest' }, plan)).toEqual([]);
    await request(subject.server).post('/api/missions').set(staff).send(plan).expect(201);
    const dispatch = {
      name: 'A diplomat',
      title: 'Counsellor',
      role: 'staff',
      dispatchedOn: '2024-06-10',
      rank: null,
      expectedArrivalOn: null,
    };
    expect(validate({ $ref: '#/components/schemas/DispatchDiplomatRequest' }, dispatch)).toEqual(
      [],
    );
    // Required fields, and fields only some outcomes take, stay non-nullable: null is refused.
    expect(
      validate(
        { $ref: '#/components/schemas/DispatchDiplomatRequest' },
        { ...dispatch, title: null },
      ),
    ).not.toEqual([]);
    const outcome = { kind: 'establish-missions', summary: 'Missions', missions: null };
    expect(validate({ $ref: '#/components/schemas/OutcomeRequest' }, outcome)).not.toEqual([]);
  });

  it('documents the missionId of every path as the service reads it: any ASCII case', async () => {
    const staff = { Authorization: `Bearer ${TOKENS.staff}` };
    await request(subject.server)
      .post('/api/missions')
      .set(staff)
      .send({ sendingState: 'KR', receivingState: 'CU', city: 'Havana', agreedOn: '2024-06-12' })
      .expect(201);
    const served: string[] = [];
    for (const id of ['kr-cu-havana', 'KR-CU-HAVANA', 'Kr-Cu-Havana']) {
      const response = await request(subject.server).get(`/api/missions/${id}`).set(staff);
      served.push(`${id} ${response.status} ${response.body.id}`);
    }
    expect(served).toEqual([
      'kr-cu-havana 200 kr-cu-havana',
      'KR-CU-HAVANA 200 kr-cu-havana',
      'Kr-Cu-Havana 200 kr-cu-havana',
    ]);
    const withMission = operations(document).filter(({ path }) => path.includes('{missionId}'));
    expect(withMission.length).toBeGreaterThan(15);
    for (const { method, path, operation } of withMission) {
      const parameter = operation.parameters?.find(
        (p) => p.in === 'path' && p.name === 'missionId',
      );
      const pattern = new RegExp(parameter?.schema?.pattern ?? '(?!)');
      const where = `${method} ${path}`;
      expect({
        where,
        accepted: ['kr-cu-havana', 'KR-CU-HAVANA', 'Kr-Cu-Havana'].map((id) => pattern.test(id)),
        refused: ['kr_cu_havana', 'kr-cu-', 'krcu'].map((id) => pattern.test(id)),
      }).toEqual({ where, accepted: [true, true, true], refused: [false, false, false] });
      expect(parameter?.description).toMatch(/any ASCII case/);
      expect(parameter?.description).not.toMatch(/lower case\)?\. Anything else/);
    }
  });

  it('documents X-Correlation-Id and the rate-limit headers on each answer that sends them', async () => {
    const staff = { Authorization: `Bearer ${TOKENS.staff}` };
    const admin = { Authorization: `Bearer ${TOKENS.admin}` };
    const server = subject.server;
    const cases: [string, string, request.Test][] = [
      ['get', '/health', request(server).get('/health')],
      ['get', '/health/live', request(server).get('/health/live')],
      ['get', '/health/ready', request(server).get('/health/ready')],
      ['get', '/metrics', request(server).get('/metrics').set(admin)],
      ['get', '/api/events/export', request(server).get('/api/events/export').set(admin)],
      ['get', '/api/admin/projections', request(server).get('/api/admin/projections').set(admin)],
      [
        'get',
        '/api/admin/projections/{name}/dead-letters',
        request(server).get('/api/admin/projections/mission-status/dead-letters').set(admin),
      ],
      [
        'post',
        '/api/admin/projections/{name}/rebuild',
        request(server).post('/api/admin/projections/meeting-outcomes/rebuild').set(admin),
      ],
      [
        'get',
        '/api/missions',
        request(server).get('/api/missions').set(staff).query({ limit: 'x' }),
      ],
      ['get', '/api/missions/{missionId}', request(server).get('/api/missions/kr-cu-x').set(staff)],
      [
        'post',
        '/api/missions/{missionId}/embassy',
        request(server)
          .post('/api/missions/kr-cu-x/embassy')
          .set({ ...staff, 'Content-Type': 'text/plain' })
          .send('x'),
      ],
      [
        'post',
        '/api/missions/{missionId}/embassy',
        request(server).post('/api/missions/kr-cu-x/embassy').set(staff).send({ openedOn: 'x' }),
      ],
      ['get', '/api/missions', request(server).get('/api/missions')],
    ];
    const seen: string[] = [];
    for (const [method, path, send] of cases) {
      const response = await send;
      const documented = document.paths[path][method].responses[String(response.status)];
      const sent = ['X-Correlation-Id', 'X-RateLimit-Limit', 'X-RateLimit-Remaining'].filter(
        (name) => response.headers[name.toLowerCase()] !== undefined,
      );
      const where = `${method} ${path} ${response.status}`;
      expect({
        where,
        documented: sent.filter((h) => documented?.headers?.[h] === undefined),
      }).toEqual({ where, documented: [] });
      seen.push(`${response.status} ${sent.length}`);
    }
    expect(seen).toEqual([
      '200 1',
      '200 1',
      '200 1',
      '200 3',
      '200 3',
      '200 3',
      '200 3',
      '202 3',
      '400 3',
      '404 3',
      '415 3',
      '400 3',
      '401 1',
    ]);
  });

  it('names opaque tokens, proper operationIds and, in each 400 example, a field of its own', () => {
    const bearer = document.components.securitySchemes.bearer as Record<string, unknown>;
    expect(bearer.bearerFormat).toBeUndefined();
    expect(bearer.description).toMatch(/opaque/);
    const ids = operations(document).map(({ operation }) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { method, path, operation } of operations(document)) {
      const where = `${method} ${path}`;
      expect({ where, id: operation.operationId }).toEqual({
        where,
        id: expect.stringMatching(/^[a-z][A-Za-z]+$/),
      });
      const example = operation.responses['400']?.content?.[PROBLEM]?.examples?.[
        'validation-failed'
      ]?.value as { errors: { path: string }[]; detail: string } | undefined;
      const field = example?.errors[0]?.path ?? '';
      const body = schemaOf(document, operation.requestBody?.content['application/json']?.schema);
      const own = [
        ...Object.keys(body.properties ?? {}),
        ...(operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
      ];
      // A route reading no field validation names by type names the unknown one it refuses.
      expect({ where, field, own: own.includes(field) || field === 'x' }).toEqual({
        where,
        field,
        own: true,
      });
      if (operation.requestBody || own.includes('limit') || own.includes('minPosition')) {
        expect({ where, field }).not.toEqual({ where, field: 'x' });
      }
      expect(example?.detail).toContain(`${field}: `);
    }
    const rateLimit = document.paths['/api/missions'].get.responses['200'].headers?.[
      'X-RateLimit-Limit'
    ] as { example?: number };
    expect(rateLimit.example).toBe(1200);
  });

  describe('while the node is shutting down', () => {
    let draining: TestApp;

    beforeAll(async () => {
      draining = await startTestApp();
      draining.app.get(Drain).begin();
    });
    afterAll(() => draining.dispose());

    it('answers each route as its 503 documents it', async () => {
      const cases: [string, string, request.Test][] = [
        ['get', '/health', request(draining.server).get('/health')],
        ['get', '/health/live', request(draining.server).get('/health/live')],
        ['get', '/health/ready', request(draining.server).get('/health/ready')],
        ['get', '/api/missions', request(draining.server).get('/api/missions')],
        [
          'post',
          '/api/meetings',
          request(draining.server)
            .post('/api/meetings')
            .set({ Authorization: `Bearer ${TOKENS.staff}` })
            .send(ROK_CUBA_MEETING),
        ],
      ];
      for (const [method, path, send] of cases) {
        const response = await send;
        expect({ path, status: response.status }).toEqual({ path, status: 503 });
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(response.headers['retry-after']).toBe('2');
        expect(response.headers.connection).toBe('close');
        const documented = document.paths[path][method].responses['503'];
        expect(documented.description).toContain(`\`${response.body.type}\``);
        expect(Object.keys(documented.headers ?? {})).toEqual(
          expect.arrayContaining(['Retry-After', 'Connection', 'X-Correlation-Id']),
        );
      }
    });
  });
});
