/**
 * Runs tasks with the same key one after the other, tasks with other keys
 * freely. Commands for one customer in this process queue here instead of
 * racing to a version conflict; writers in other processes still meet the
 * event store's expected-version check.
 */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
