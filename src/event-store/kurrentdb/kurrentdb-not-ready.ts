/**
 * Failures that mean "the server is there but cannot serve now", which client 1.3.1 does
 * not type as such. They are recognised by the exact words the client (and the Rust
 * bridge it reads through) puts in them; any other untyped failure stays a failure.
 */

/**
 * An append the server answered "not handled" (node still starting, too busy, or a
 * follower that knows no leader yet). The batch-append path wraps the server's status
 * message, which has no typed details, as `UnknownError("Could not recognize <message>")`
 * (dist/streams/appendToStream/unpackError.js).
 */
const APPEND_NOT_HANDLED =
  /^Could not recognize (?:Server Is Not Ready|Server Is Busy|No leader info available in response)$/;

/**
 * Reads go through the Rust bridge (@kurrent/bridge), which names most failures
 * `UnknownError` with the Rust client's message; dist/utils/convertBridgeError.js then
 * makes them a plain UnknownError. The ones that mean the server is unreachable or
 * not ready: the server answering Unavailable, Internal or DataLoss (`ServerError`, whose
 * message is tonic's status display), the connection dropping, a deadline passing, and
 * the server cancelling its calls (shutdown, failover: the client's own CancelledError).
 * A transport connect failure reported as Unknown counts as the client counts it
 * (dist/utils/CommandError.js, "client error (Connect)").
 */
const BRIDGE_UNAVAILABLE: readonly RegExp[] = [
  /^Server-side error: status: (?:Unavailable|Internal|DataLoss)\b/,
  /^Server-side error: status: Unknown\b.*client error \(Connect\)/s,
  /^Connection is closed\.$/,
  /^Deadline exceeded$/,
  /^Unmapped gRPC error: code: The operation was cancelled, /,
];

/** Cluster discovery that found no usable node (dist/Client/discovery.js). */
const DISCOVERY_FAILED = /^Failed to discover after \d+ attempts\.$/;

/** Whether an untyped client error's message says the server cannot serve now. */
export function isNotReadyMessage(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const type = (error as { type?: unknown }).type;
  if (type === 'unknown') {
    return (
      APPEND_NOT_HANDLED.test(error.message) ||
      BRIDGE_UNAVAILABLE.some((pattern) => pattern.test(error.message))
    );
  }
  return type === undefined && DISCOVERY_FAILED.test(error.message);
}
