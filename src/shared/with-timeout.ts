/**
 * `promise`, or a rejection with `timedOut()` (by default "no answer within `ms` ms") if it has
 * not settled within `ms`. The timer holds no process open.
 */
export function withTimeout<T>(
  promise: Promise<T>,
  ms: number,
  timedOut: () => Error = () => new Error(`no answer within ${ms} ms`),
): Promise<T> {
  promise.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(timedOut()), ms);
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
