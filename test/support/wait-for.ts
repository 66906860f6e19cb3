/**
 * Polls `check` until it answers something other than undefined or false (a value it
 * answers is returned), or fails after `timeoutMs` naming `what` and the last error
 * `check` threw. For a condition nothing signals (a child process's read models, a
 * server-side count a page cannot be asked about): it polls a condition, it never sleeps a
 * fixed time.
 */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 30_000,
  intervalMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
