import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventStoreContract } from '../testing/event-store-contract';
import { collect, someEvent, streamName } from '../testing/contract-fixtures';
import { createPGliteEventStore } from './pglite-event-store';

eventStoreContract({
  name: 'PGlite (in memory)',
  async open() {
    const store = await createPGliteEventStore();
    return { store, dispose: () => store.close() };
  },
});

describe('PGlite on disk', () => {
  it('keeps events across restarts and migrates an existing database idempotently', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crm-pglite-'));
    try {
      const id = streamName();
      const first = await createPGliteEventStore(join(dir, 'data'));
      await first.append(id, [someEvent(1)], 'no_stream');
      await first.close();
      const second = await createPGliteEventStore(join(dir, 'data'));
      await second.append(id, [someEvent(2)], 0);
      expect((await collect(second.readStream(id))).map((e) => e.data.n)).toEqual([1, 2]);
      expect((await second.verify()).ok).toBe(true);
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
