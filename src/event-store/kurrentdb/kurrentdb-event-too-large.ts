/**
 * A single event over the server's per-event size limit (MaxAppendEventSize, newer
 * servers). Client 1.3.1 does not know this refusal: a batch append reports it as
 * `UnknownError("Could not recognize MaximumAppendEventSizeExceeded")`, without the limit
 * (dist/streams/appendToStream/unpackError.js); a plain append keeps the server's words,
 * which name it ("… exceeds Maximum Append Event Size of N.").
 */
const BATCH_APPEND = /^Could not recognize MaximumAppendEventSizeExceeded$/;
const PLAIN_APPEND =
  /Event with Id: [^,]*, Size: \d+, exceeds Maximum Append Event Size of (\d+)\.$/;

/** The refusal's limit in bytes (undefined when unnamed), or null if this is not one. */
export function eventSizeLimit(error: unknown): { readonly maxBytes: number | undefined } | null {
  if (!(error instanceof Error) || (error as { type?: unknown }).type !== 'unknown') return null;
  if (BATCH_APPEND.test(error.message)) return { maxBytes: undefined };
  const named = PLAIN_APPEND.exec(error.message);
  return named ? { maxBytes: Number(named[1]) } : null;
}
