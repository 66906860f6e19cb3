import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { JsonObject, JsonValue } from '../shared/json.js';

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
 * SHA-256 over the canonical JSON (RFC 8785: stable key order) of stream, revision,
 * type, data, metadata without `hash`, and the previous event's hash (null for the
 * first event of a stream). Computed when the service appends, so it is the same on
 * SQLite and KurrentDB, and covers events exactly as they were stored.
 */
export function chainHash(event: ChainedEvent): string {
  const { hash: _ownHash, ...metadata } = event.metadata;
  const prevHash = typeof metadata.prevHash === 'string' ? metadata.prevHash : null;
  const canonical = canonicalize({
    stream: event.stream,
    revision: event.revision,
    type: event.type,
    data: event.data,
    metadata,
    prevHash,
  });
  return createHash('sha256')
    .update(canonical ?? '')
    .digest('hex');
}

/** Metadata for the next event of a chain: `prevHash` set, `hash` computed over it. */
export function chainLink(
  event: Omit<ChainedEvent, 'metadata'> & { readonly metadata: JsonObject },
  prevHash: string | null,
): JsonObject {
  const metadata: JsonObject = { ...event.metadata, prevHash };
  return { ...metadata, hash: chainHash({ ...event, metadata }) };
}
