import { createTestDatabase } from '../../../../test/support/test-database';
import { eventStoreContract } from '../testing/event-store-contract';
import { holeSafetyContract } from '../testing/hole-safety-contract';
import { sqlClientContract } from '../testing/sql-client-contract';
import { createPostgresClient, createPostgresEventStore } from './postgres-event-store';
import type { ContractAdapter } from '../testing/contract-fixtures';
import type { SqlClient } from '../sql/sql-client';
import { SqlEventStore } from '../sql/sql-event-store';

const postgresAdapter: ContractAdapter = {
  name: 'PostgreSQL',
  async open() {
    const database = await createTestDatabase();
    const store = await createPostgresEventStore(database.url, { max: 60 });
    const extra: SqlClient[] = [];
    return {
      store,
      client: store.client,
      another: () => SqlEventStore.open(store.client, { groupCommit: false }),
      connect: async () => {
        const client = createPostgresClient(database.url, { max: 1 });
        extra.push(client);
        return client;
      },
      dispose: async () => {
        await Promise.all(extra.map((c) => c.close()));
        await store.close();
        await database.drop();
      },
    };
  },
};

eventStoreContract(postgresAdapter);
holeSafetyContract(postgresAdapter);

sqlClientContract('PostgreSQL', async () => {
  const database = await createTestDatabase();
  const client = createPostgresClient(database.url, { max: 2 });
  return {
    client,
    dispose: async () => {
      await client.close();
      await database.drop();
    },
  };
});
