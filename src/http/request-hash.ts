import { hash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { canonicalJson } from '../audit/canonical-json.js';
import { asciiLowerCase } from '../shared/ascii-lower-case.js';

const hashes = new WeakMap<FastifyRequest, string>();

/** A percent-encoded octet. */
const ESCAPE = /%([0-9A-Fa-f]{2})/g;
/** The characters RFC 3986 calls unreserved: encoded or not, they mean the same (§6.2.2.2). */
const UNRESERVED = /^[A-Za-z0-9\-._~]$/;

/**
 * The path as the router reads it, for comparing requests: an unreserved character written
 * percent-encoded (`%2D`, `%61`) is that character, and ASCII letters are in lower case
 * (every segment is a literal or an id read in any ASCII case: KR-CU-Havana is kr-cu-havana).
 * A path written plainly is unchanged but for its case; a byte outside ASCII stays what it is.
 */
function comparablePath(url: string): string {
  const path = url.split('?')[0];
  const decoded = path.includes('%')
    ? path.replace(ESCAPE, (escape, hex: string) => {
        const character = String.fromCharCode(parseInt(hex, 16));
        return UNRESERVED.test(character) ? character : escape;
      })
    : path;
  return asciiLowerCase(decoded);
}

/**
 * What a request asked for, as a hash: method, path (as comparablePath reads it) and the body
 * in canonical JSON (RFC 8785), so the same request with keys in another order, or its path
 * spelled another way the router reads the same, hashes the same.
 */
export function requestHashOf(request: FastifyRequest): string {
  const known = hashes.get(request);
  if (known) return known;
  const path = comparablePath(request.url);
  const body = canonicalJson(request.body ?? null);
  const digest = hash('sha256', `${request.method} ${path}\n${body}`);
  hashes.set(request, digest);
  return digest;
}
