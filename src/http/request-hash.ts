import { hash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { canonicalJson } from '../audit/canonical-json.js';
import { asciiLowerCase } from '../shared/ascii-lower-case.js';

const hashes = new WeakMap<FastifyRequest, string>();

/**
 * What a request asked for, as a hash: method, path (its ASCII letters in lower case) and the
 * body in canonical JSON (RFC 8785), so the same request with keys in another order hashes the
 * same.
 */
export function requestHashOf(request: FastifyRequest): string {
  const known = hashes.get(request);
  if (known) return known;
  // Every path segment is a literal or an id read in any ASCII case: KR-CU-Havana is
  // kr-cu-havana, and a byte outside ASCII stays what it is.
  const path = asciiLowerCase(request.url.split('?')[0]);
  const body = canonicalJson(request.body ?? null);
  const digest = hash('sha256', `${request.method} ${path}\n${body}`);
  hashes.set(request, digest);
  return digest;
}
