import { createTestDatabase } from '../../../../test/support/test-database';
import { createPGliteClient } from '../pglite/pglite-event-store';
import { createPostgresClient } from '../postgres/postgres-event-store';
import { SqlEventStore } from '../sql/sql-event-store';
import { eventStoreContract } from '../testing/event-store-contract';
import { cryptoShreddingContract, shreddingOver, testPersonalDataPolicy } from '../testing/crypto-shredding-contract';
import { CryptoShreddingEventStore } from './crypto-shredding-event-store';

cryptoShreddingContract('PostgreSQL', async () => {
  const database = await createTestDatabase();
  const client = createPostgresClient(database.url, { max: 10 });
  return shreddingOver(client, async () => {
    await client.close();
    await database.drop();
  });
});

cryptoShreddingContract('PGlite (in memory)', async () => {
  const client = await createPGliteClient();
  return shreddingOver(client, () => client.close());
});

// The store the service runs is the crypto-shredding one: it keeps the whole contract. The fixtures'
// events are interactions whose summaries are personal, so nearly every case goes through sealing.
eventStoreContract({
  name: 'PostgreSQL, crypto-shredding',
  async open() {
    const database = await createTestDatabase();
    const client = createPostgresClient(database.url, { max: 60 });
    const open = async (groupCommit: boolean) =>
      CryptoShreddingEventStore.open(await SqlEventStore.open(client, { groupCommit }), testPersonalDataPolicy);
    const store = await open(true);
    const extra: { close(): Promise<void> }[] = [];
    return {
      store,
      client,
      another: () => open(false),
      connect: async () => {
        const other = createPostgresClient(database.url, { max: 1 });
        extra.push(other);
        return other;
      },
      dispose: async () => {
        await Promise.all(extra.map((c) => c.close()));
        await store.close();
        await database.drop();
      },
    };
  },
});
