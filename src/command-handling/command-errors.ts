/** If-Match named a revision the stream has moved past; nothing was appended. */
export class StaleRevisionError extends Error {
  override readonly name = 'StaleRevisionError';
  constructor(
    readonly stream: string,
    readonly expected: number | 'exists',
    readonly actual: number | undefined,
  ) {
    const asked =
      expected === 'exists'
        ? 'If-Match: * asks for an existing resource'
        : `If-Match names revision ${expected}`;
    super(
      actual === undefined
        ? `${asked} but nothing has been recorded yet`
        : `${asked} but the current revision is ${actual}`,
    );
  }
}

/** The same Idempotency-Key was sent before with a different request. */
export class IdempotencyKeyReusedError extends Error {
  override readonly name = 'IdempotencyKeyReusedError';
  constructor(readonly key: string) {
    super(`Idempotency-Key ${JSON.stringify(key)} was already used for a different request`);
  }
}

/** Every retry against fresh state lost the race; the caller may try again. */
export class ContentionError extends Error {
  override readonly name = 'ContentionError';
  constructor(readonly stream: string) {
    super(`too many concurrent changes to ${stream}; nothing was recorded, try again`);
  }
}
