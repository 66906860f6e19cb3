import type { Server } from 'node:http';
import request from 'supertest';
import {
  EVENT_STORE,
  type EventStore,
  type RecordedEvent,
} from '../../src/event-store/event-store.port.js';
import { StreamNotFoundError } from '../../src/event-store/event-store.errors.js';
import type { Position } from '../../src/event-store/position.js';
import { PROBLEM_CONTENT_TYPE } from '../../src/http/problem.js';
import { TOKENS, type TestApp } from './test-app.js';

/** Authorization headers, one per role. */
export const AS = {
  staff: { Authorization: `Bearer ${TOKENS.staff}` },
  auditor: { Authorization: `Bearer ${TOKENS.auditor}` },
  viewer: { Authorization: `Bearer ${TOKENS.viewer}` },
  admin: { Authorization: `Bearer ${TOKENS.admin}` },
} as const;

/** The date every mission planned by `planMission` was agreed on. */
export const AGREED_ON = '2024-06-12';

export const storeOf = (subject: TestApp): EventStore => subject.app.get<EventStore>(EVENT_STORE);

/**
 * Makes every append wait `ms` first, as a store under load does, so commands sent together
 * overlap; returns what puts the store back. (The store is wrapped for metrics: the method is
 * replaced on it and the original taken from its class.)
 */
export function slowAppends(subject: TestApp, ms: number): () => void {
  const store = storeOf(subject);
  const append = (Object.getPrototypeOf(store) as EventStore).append;
  store.append = async function slowAppend(this: EventStore, ...args) {
    await new Promise((done) => setTimeout(done, ms));
    return append.apply(this, args);
  };
  return () => delete (store as Partial<EventStore>).append;
}

export const headOf = (subject: TestApp): Promise<Position> => storeOf(subject).headPosition();

/** Every event of a stream, oldest first ([] when the stream does not exist). */
export async function eventsOf(subject: TestApp, stream: string): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  try {
    for await (const event of storeOf(subject).readStream(stream)) events.push(event);
  } catch (error) {
    if (!(error instanceof StreamNotFoundError)) throw error;
  }
  return events;
}

/** Every event of these types in the whole log. */
export async function eventsOfType(subject: TestApp, ...types: string[]): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const event of storeOf(subject).readAll({ filter: { eventTypes: types } })) {
    events.push(event);
  }
  return events;
}

/**
 * Runs a request the service must refuse and asserts it changed nothing: the store's
 * head position is the same before and after.
 */
export async function refused(
  subject: TestApp,
  send: () => Promise<request.Response>,
): Promise<request.Response> {
  const before = await headOf(subject);
  const response = await send();
  expect(await headOf(subject)).toBe(before);
  return response;
}

/** Asserts the response is an RFC 9457 problem of this status and type. */
export function expectProblem(
  response: request.Response,
  status: number,
  type: string,
): Record<string, unknown> {
  expect({ status: response.status, type: response.body?.type }).toEqual({ status, type });
  expect(response.headers['content-type']?.split(';')[0]).toBe(PROBLEM_CONTENT_TYPE);
  expect(response.body).toMatchObject({
    type,
    status,
    title: expect.any(String),
    detail: expect.any(String),
  });
  return response.body as Record<string, unknown>;
}

/** The `path` of every field a validation problem lists. */
export function pathsOf(response: request.Response): string[] {
  const errors = (response.body?.errors ?? []) as { path: string }[];
  return errors.map((e) => e.path);
}

/**
 * GET /api/missions/:id as it stands after everything recorded so far: the read waits
 * (minPosition) until the read model has applied the store's head.
 */
export async function readMission(
  subject: TestApp,
  missionId: string,
  as: Record<string, string> = AS.viewer,
): Promise<request.Response> {
  const minPosition = await headOf(subject);
  return request(subject.server).get(`/api/missions/${missionId}`).query({ minPosition }).set(as);
}

/** Plans a mission of KR in `city` (CU) directly, agreed on AGREED_ON; returns its id. */
export async function planMission(
  server: Server,
  city: string,
  states: { sendingState: string; receivingState: string } = {
    sendingState: 'KR',
    receivingState: 'CU',
  },
): Promise<string> {
  const response = await request(server)
    .post('/api/missions')
    .set(AS.staff)
    .send({ ...states, city, agreedOn: AGREED_ON })
    .expect(201);
  return response.body.missionId as string;
}

export const DIPLOMAT = {
  name: 'Korean diplomat',
  title: 'Counsellor',
  role: 'head-of-office',
  dispatchedOn: '2024-06-10',
} as const;

/** Dispatches a diplomat (2024-06-10) to the mission; returns the diplomat's id. */
export async function dispatchDiplomat(
  server: Server,
  missionId: string,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const response = await request(server)
    .post(`/api/missions/${missionId}/diplomats`)
    .set(AS.staff)
    .send({ ...DIPLOMAT, ...overrides })
    .expect(201);
  return response.body.diplomatId as string;
}

/** A mission with a diplomat on post since 2024-06-14, ready to open premises. */
export async function staffedMission(server: Server, city: string): Promise<string> {
  const missionId = await planMission(server, city);
  const diplomatId = await dispatchDiplomat(server, missionId);
  await request(server)
    .post(`/api/missions/${missionId}/diplomats/${diplomatId}/arrival`)
    .set(AS.staff)
    .send({ arrivedOn: '2024-06-14' })
    .expect(201);
  return missionId;
}

/** Makes the server listen on an ephemeral port, so supertest can send requests in parallel. */
export function listen(server: Server): Promise<void> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
}
