/** Who asked, and the request facts every event's metadata records. */
export interface CommandContext {
  readonly actor: { readonly name: string; readonly role: string };
  readonly correlationId: string;
  /** The id of the event or request that caused this command. */
  readonly causationId: string;
  readonly idempotencyKey?: string;
  /** A hash of what was asked (method, path, body): the same key with another request is refused. */
  readonly requestHash?: string;
  /** What If-Match asks of the stream: a stale revision is refused, never retried. */
  readonly expectedRevision?: ExpectedRevision;
  readonly now: Date;
}

/**
 * The revision the caller decided against, or the revisions any of which it accepts (none: a
 * weak If-Match, which never matches); `exists` (If-Match: *) only asks that the stream have
 * events.
 */
export type ExpectedRevision = number | readonly number[] | 'exists';
