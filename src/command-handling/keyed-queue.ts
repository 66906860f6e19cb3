/**
 * Runs tasks one at a time per key, in the order they came (tasks of other keys run
 * meanwhile). A task that fails does not stop the ones after it. A task whose key has
 * nothing running starts at once (the usual case: one promise fewer per task on the
 * command path).
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key);
    const result = previous === undefined ? startNow(task) : previous.then(task);
    const settled = (): void => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    };
    const tail = result.then(settled, settled);
    this.tails.set(key, tail);
    return result;
  }
}

/** The task's promise; a task that throws before its first await is a rejection too. */
function startNow<T>(task: () => Promise<T>): Promise<T> {
  try {
    return task();
  } catch (error) {
    return Promise.reject(error);
  }
}
