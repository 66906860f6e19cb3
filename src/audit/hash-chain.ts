import * as crypto from 'node:crypto';
import type { JsonObject, JsonValue } from '../shared/json.js';
import { canonicalJson } from './canonical-json.js';

/** What one link of a stream's hash chain covers. */
export interface ChainedEvent {
  readonly stream: string;
  readonly revision: number;
  readonly type: string;
  readonly data: JsonValue;
  /** The event's metadata; its own `hash` is left out of the hash. */
  readonly metadata: JsonObject;
}

/**
 * The text a chain hash is taken over: the canonical JSON (RFC 8785: stable key order) of
 * `{ stream, revision, type, data, metadata without hash, prevHash }`, prevHash being the
 * previous event's hash (null for the first event of a stream). Written out key by key in
 * sorted order, so no intermediate object is built.
 */
export function chainText(event: ChainedEvent): string {
  const prevHash = typeof event.metadata.prevHash === 'string' ? event.metadata.prevHash : null;
  return (
    `{"data":${canonicalJson(event.data)}` +
    `,"metadata":${canonicalJson(event.metadata, 'hash')}` +
    `,"prevHash":${canonicalJson(prevHash)}` +
    `,"revision":${canonicalJson(event.revision)}` +
    `,"stream":${canonicalJson(event.stream)}` +
    `,"type":${canonicalJson(event.type)}}`
  );
}

/**
 * SHA-256 (hex) over `chainText(event)`. Computed when the service appends, so it is the
 * same on SQLite and KurrentDB, and covers events exactly as they were stored.
 */
export function chainHash(event: ChainedEvent): string {
  return sha256Hex(chainText(event));
}

/** SHA-256 in hex; crypto.hash (Node ≥ 20.12) skips a Hash object per call. */
const sha256Hex: (text: string) => string =
  typeof crypto.hash === 'function'
    ? (text) => crypto.hash('sha256', text, 'hex')
    : (text) => crypto.createHash('sha256').update(text).digest('hex');

/** Metadata for the next event of a chain: `prevHash` set, `hash` computed over it. */
export function chainLink(
  event: Omit<ChainedEvent, 'metadata'> & { readonly metadata: JsonObject },
  prevHash: string | null,
): JsonObject {
  const metadata: JsonObject = { ...event.metadata, prevHash };
  return { ...metadata, hash: chainHash({ ...event, metadata }) };
}
