import type { FastifyRequest } from 'fastify';
import { requestHashOf } from '../../src/http/request-hash.js';

const hashOf = (url: string, body: unknown = { openedOn: '2024-07-01' }) =>
  requestHashOf({ method: 'POST', url, body } as FastifyRequest);

describe('Request hash (what an Idempotency-Key covers)', () => {
  it('is the same for the path in any ASCII case and the body with keys in any order', () => {
    expect(hashOf('/api/missions/KR-CU-Havana/embassy', { b: 1, a: 2 })).toBe(
      hashOf('/api/missions/kr-cu-havana/embassy', { a: 2, b: 1 }),
    );
  });

  it('is the same for an unreserved character written percent-encoded, as the router reads it', () => {
    const plain = hashOf('/api/missions/gh-mx-ciudad-de-mexico/embassy');
    expect(hashOf('/api/missions/gh%2Dmx-ciudad-de-mexico/embassy')).toBe(plain);
    expect(hashOf('/api/missions/gh-mx-ciudad-de-mexico/%65mbassy')).toBe(plain);
    expect(hashOf('/api/missions/GH%2dMX-Ciudad-de-Mexico/%45MBASSY')).toBe(plain);
    expect(hashOf('/api/missions/gh-mx-ciudad-de-mexico/embassy?x=%41')).toBe(plain);
  });

  it('keeps a reserved character percent-encoded: %2F is no path separator', () => {
    expect(hashOf('/api/missions/gh-mx%2Fciudad/embassy')).not.toBe(
      hashOf('/api/missions/gh-mx/ciudad/embassy'),
    );
  });

  it('tells a path with a letter outside ASCII from its ASCII look-alike', () => {
    expect(hashOf('/api/missions/%E2%84%AAr-cu-havana/embassy')).not.toBe(
      hashOf('/api/missions/kr-cu-havana/embassy'),
    );
  });
});
