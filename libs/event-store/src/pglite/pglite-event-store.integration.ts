import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collect, someEvent, streamName } from '../testing/contract-fixtures';
import { chainContract } from '../testing/chain-contract';
import { pagedReadsContract } from '../testing/paged-reads-contract';
import { checkpointContract } from '../testing/checkpoint-contract';
import { eventStorePortContract } from '../testing/event-store-port-contract';
import { sqlClientContract } from '../testing/sql-client-contract';
import type { SqlEventStoreAdapter } from '../testing/sql-contract-fixtures';
import { sqlEventStoreContract } from '../testing/sql-event-store-contract';
import { DataDirInUseError } from './data-dir-lock';
import { createPGliteClient, createPGliteEventStore } from './pglite-event-store';
import { SqlEventStore } from '../sql/sql-event-store';

// One connection: no second one for the interleavings of holeSafetyContract.
const pgliteAdapter: SqlEventStoreAdapter = {
  name: 'PGlite (in memory)',
  async open() {
    const store = await createPGliteEventStore();
    return { store, client: store.client, another: () => SqlEventStore.open(store.client, { groupCommit: false }), dispose: () => store.close() };
  },
};

eventStorePortContract(pgliteAdapter);
sqlEventStoreContract(pgliteAdapter);
chainContract(pgliteAdapter);
pagedReadsContract(pgliteAdapter);
checkpointContract(pgliteAdapter);

sqlClientContract('PGlite (in memory)', async () => {
  const client = await createPGliteClient();
  return { client, dispose: () => client.close() };
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

describe('PGlite data folder lock', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'crm-pglite-lock-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a second opening of a folder in use, naming the process, until the first closes', async () => {
    const data = join(dir, 'data');
    const first = await createPGliteEventStore(data);
    await expect(createPGliteEventStore(data)).rejects.toMatchObject({ name: 'DataDirInUseError', pid: process.pid });
    await expect(createPGliteEventStore(data)).rejects.toBeInstanceOf(DataDirInUseError);
    await first.close();
    expect(existsSync(`${data}.lock`)).toBe(false);
    const second = await createPGliteEventStore(data);
    await second.close();
  });

  it('takes over a lock left by a process that died', async () => {
    const data = join(dir, 'data');
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    writeFileSync(`${data}.lock`, gone);
    const store = await createPGliteEventStore(data);
    await store.append(streamName(), [someEvent()], 'no_stream');
    await store.close();
  });
});
