import { hash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { canonicalJson } from '../audit/canonical-json.js';

const hashes = new WeakMap<FastifyRequest, string>();

/**
 * What a request asked for, as a hash: method, path (in lower case) and the body in canonical JSON
 * (RFC 8785), so the same request with keys in another order hashes the same.
 */
export function requestHashOf(request: FastifyRequest): string {
  const known = hashes.get(request);
  if (known) return known;
  // Every path segment is a literal or an id read in any case: KR-CU-Havana is kr-cu-havana.
  const path = request.url.split('?')[0].toLowerCase();
  const body = canonicalJson(request.body ?? null);
  const digest = hash('sha256', `${request.method} ${path}\n${body}`);
  hashes.set(request, digest);
  return digest;
}
