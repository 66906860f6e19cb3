import { chainLink } from '../audit/hash-chain.js';
import type { EventToAppend } from './event-store.port.js';

/**
 * The events with their metadata linked into the stream's hash chain from `prevHash`,
 * the first being at `firstRevision`; and the last one's hash.
 */
export function chainEvents(
  stream: string,
  events: readonly EventToAppend[],
  firstRevision: number,
  prevHash: string | null,
): { readonly events: EventToAppend[]; readonly lastHash: string | null } {
  let hash = prevHash;
  const chained = events.map((event, i) => {
    const metadata = chainLink(
      {
        stream,
        revision: firstRevision + i,
        type: event.type,
        data: event.data,
        metadata: event.metadata,
      },
      hash,
    );
    hash = metadata.hash as string;
    return { ...event, metadata };
  });
  return { events: chained, lastHash: hash };
}
