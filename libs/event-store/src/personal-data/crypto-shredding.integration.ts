import { createTestDatabase } from '@crm/testing';
import { createPGliteClient } from '../pglite/pglite-event-store';
import { createPostgresClient } from '../postgres/postgres-event-store';
import { cryptoShreddingContract, shreddingOver } from '../testing/crypto-shredding-contract';
import { envelopeEncryptionContract } from '../testing/envelope-encryption-contract';
import { eventStorePortContract } from '../testing/event-store-port-contract';

async function onPostgres() {
  const database = await createTestDatabase();
  const client = createPostgresClient(database.url, { max: 10 });
  return shreddingOver(client, async () => {
    await client.close();
    await database.drop();
  });
}

cryptoShreddingContract('PostgreSQL', onPostgres);

cryptoShreddingContract('PGlite (in memory)', async () => {
  const client = await createPGliteClient();
  return shreddingOver(client, () => client.close());
});

envelopeEncryptionContract('PostgreSQL', async () => {
  const database = await createTestDatabase();
  const client = createPostgresClient(database.url, { max: 10 });
  return {
    client,
    dispose: async () => {
      await client.close();
      await database.drop();
    },
  };
});

envelopeEncryptionContract('PGlite (in memory)', async () => {
  const client = await createPGliteClient();
  return { client, dispose: () => client.close() };
});

// The store the service runs is the crypto-shredding one: it keeps the whole port contract. The fixtures'
// events are interactions whose summaries are personal, so nearly every case goes through sealing.
// Not the SQL contract on top: it tests the SQL under the wrapper, which hands reads, verify and the $all
// reader through unchanged (the million-row read alone would cost ~100 s here to show that again); the
// wrapper's own SQL (one key per stream, sealed text moved between rows) is in cryptoShreddingContract.
eventStorePortContract({ name: 'PostgreSQL, crypto-shredding', open: onPostgres });
