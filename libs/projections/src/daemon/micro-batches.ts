/**
 * Groups what an async source yields into batches: a batch takes what is ready now, up to
 * `max`, and leaves once nothing more has come for `lingerMs`, so that a catch-up moves in
 * large transactions while a live event waits no longer than the linger. The source is
 * read ahead by one item while a batch is being handled.
 */
export async function* microBatches<T>(source: AsyncIterable<T>, max: number, lingerMs: number): AsyncGenerator<T[]> {
  const iterator = source[Symbol.asyncIterator]();
  let pending = iterator.next();
  try {
    for (;;) {
      const first = await pending;
      if (first.done) return;
      const batch = [first.value];
      pending = iterator.next();
      let drained = false;
      while (batch.length < max) {
        const next = await settledWithin(pending, lingerMs);
        if (next === lingered) break;
        if (next.done) {
          drained = true;
          break;
        }
        batch.push(next.value);
        pending = iterator.next();
      }
      yield batch;
      if (drained) return;
    }
  } finally {
    await iterator.return?.();
  }
}

const lingered = Symbol('lingered');

async function settledWithin<R>(promise: Promise<R>, ms: number): Promise<R | typeof lingered> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof lingered>((resolve) => (timer = setTimeout(() => resolve(lingered), ms)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
