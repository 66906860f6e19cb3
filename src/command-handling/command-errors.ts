import type { ExpectedRevision } from './command-context.js';

/** If-Match named a revision the stream has moved past; nothing was appended. */
export class StaleRevisionError extends Error {
  override readonly name = 'StaleRevisionError';
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    readonly actual: number | undefined,
  ) {
    super(
      actual === undefined
        ? `${askedBy(expected)} but nothing has been recorded yet`
        : `${askedBy(expected)} but the current revision is ${actual}`,
    );
  }
}

function askedBy(expected: ExpectedRevision): string {
  if (expected === 'exists') return 'If-Match: * asks for an existing resource';
  if (typeof expected === 'number') return `If-Match names revision ${expected}`;
  if (expected.length > 0) return `If-Match names revisions ${expected.join(', ')}`;
  return 'If-Match names no revision this service gives (a weak tag, W/"7", never matches)';
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
