/** An error's message; read by shape, as an error made in another realm is no `Error` here. */
export function messageOf(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(error);
}
