/** Who asked, and the request facts every event's metadata records. */
export interface CommandContext {
  readonly actor: { readonly name: string; readonly role: string };
  readonly correlationId: string;
  /** The id of the event or request that caused this command. */
  readonly causationId: string;
  readonly idempotencyKey?: string;
  /** A hash of what was asked (method, path, body): the same key with another request is refused. */
  readonly requestHash?: string;
  /**
   * The revision the caller decided against (from If-Match): a stale one is refused, never
   * retried. `exists` (If-Match: *) only asks that the stream have events.
   */
  readonly expectedRevision?: number | 'exists';
  readonly now: Date;
}
