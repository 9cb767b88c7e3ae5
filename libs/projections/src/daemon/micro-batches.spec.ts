import { setTimeout as sleep } from 'node:timers/promises';
import { microBatches } from './micro-batches';

async function* timed(items: [number, number][]): AsyncGenerator<number> {
  for (const [value, delayMs] of items) {
    if (delayMs > 0) await sleep(delayMs);
    yield value;
  }
}

async function collect<T>(batches: AsyncIterable<T[]>): Promise<T[][]> {
  const out: T[][] = [];
  for await (const batch of batches) out.push(batch);
  return out;
}

describe('microBatches', () => {
  it('takes what is ready at once up to the maximum', async () => {
    const ready = Array.from({ length: 7 }, (_, i): [number, number] => [i, 0]);
    expect(await collect(microBatches(timed(ready), 3, 50))).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
  });

  it('leaves with what it has once the source is quiet for the linger', async () => {
    const batches = await collect(microBatches(timed([[1, 0], [2, 0], [3, 120], [4, 0]]), 100, 40));
    expect(batches).toEqual([[1, 2], [3, 4]]);
  });

  it('ends with an empty source and closes the source when the consumer stops', async () => {
    expect(await collect(microBatches(timed([]), 10, 5))).toEqual([]);
    let closed = false;
    async function* endless(): AsyncGenerator<number> {
      try {
        for (let i = 0; ; i++) yield i;
      } finally {
        closed = true;
      }
    }
    for await (const batch of microBatches(endless(), 4, 5)) {
      expect(batch).toEqual([0, 1, 2, 3]);
      break;
    }
    expect(closed).toBe(true);
  });
});
