/**
 * An answer decided before the route's handler runs (a kept answer replayed for its
 * Idempotency-Key): a guard throws it, and the exception filter sends it as it is, so
 * neither the pipes nor the handler run. Not an Error: it is no failure, and needs no stack.
 */
export class PreparedAnswer {
  constructor(
    readonly status: number,
    readonly headers: Readonly<Record<string, string>>,
    /** JSON text, sent as application/json. */
    readonly body: string,
  ) {}
}
