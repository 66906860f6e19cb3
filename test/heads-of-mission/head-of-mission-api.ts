import type { Server } from 'node:http';
import request from 'supertest';
import { AS } from '../support/http-api.js';

/** HTTP helpers for the head-of-mission routes. */

export const LEE = {
  name: 'Lee Ho-yul',
  title: 'Ambassador Extraordinary and Plenipotentiary',
  nominatedOn: '2024-11-20',
} as const;

/** Each step of the track after the nomination: path suffix and body, in order. */
export const TRACK = [
  ['agrement-request', { requestedOn: '2024-12-02' }],
  ['agrement', { grantedOn: '2025-01-20' }],
  ['appointment', { appointedOn: '2025-01-31' }],
  ['arrival', { arrivedOn: '2025-02-06' }],
  ['copy-of-credentials', { presentedOn: '2025-02-11' }],
  ['credentials', { presentedOn: '2025-02-25' }],
] as const;

export type TrackStep = (typeof TRACK)[number][0];

/** A successor's track, after Lee Ho-yul's. */
export const SUCCESSOR = { name: 'Successor', title: 'Ambassador', nominatedOn: '2025-03-01' };
export const SUCCESSOR_TRACK: readonly (readonly [TrackStep, object])[] = [
  ['agrement-request', { requestedOn: '2025-03-02' }],
  ['agrement', { grantedOn: '2025-03-05' }],
  ['appointment', { appointedOn: '2025-03-06' }],
  ['arrival', { arrivedOn: '2025-03-10' }],
  ['copy-of-credentials', { presentedOn: '2025-03-12' }],
  ['credentials', { presentedOn: '2025-03-20' }],
];

export function nominate(
  server: Server,
  missionId: string,
  body: object = LEE,
  headers: Record<string, string> = AS.staff,
): request.Test {
  return request(server).post(`/api/missions/${missionId}/head-of-mission`).set(headers).send(body);
}

export function step(
  server: Server,
  missionId: string,
  headOfMissionId: string,
  path: string,
  body: object,
  headers: Record<string, string> = AS.staff,
): request.Test {
  return request(server)
    .post(`/api/missions/${missionId}/head-of-mission/${headOfMissionId}/${path}`)
    .set(headers)
    .send(body);
}

/** Nominates and walks the track up to and including `until`; returns the head's id. */
export async function headUpTo(
  server: Server,
  missionId: string,
  until: TrackStep | 'nomination',
  body: object = LEE,
  track: readonly (readonly [TrackStep, object])[] = TRACK,
): Promise<string> {
  const nominated = await nominate(server, missionId, body).expect(201);
  const headOfMissionId = nominated.body.headOfMissionId as string;
  if (until === 'nomination') return headOfMissionId;
  for (const [path, stepBody] of track) {
    await step(server, missionId, headOfMissionId, path, stepBody).expect(201);
    if (path === until) break;
  }
  return headOfMissionId;
}
