import { createTestDatabase } from '@crm/testing';
import { eventStorePortContract } from '../testing/event-store-port-contract';
import { chainContract } from '../testing/chain-contract';
import { pagedReadsContract } from '../testing/paged-reads-contract';
import { checkpointContract } from '../testing/checkpoint-contract';
import { holeSafetyContract } from '../testing/hole-safety-contract';
import { sqlClientContract } from '../testing/sql-client-contract';
import type { SqlEventStoreAdapter } from '../testing/sql-contract-fixtures';
import { sqlEventStoreContract } from '../testing/sql-event-store-contract';
import { createPostgresClient, createPostgresEventStore } from './postgres-event-store';
import type { SqlClient } from '../sql/sql-client';
import { SqlEventStore } from '../sql/sql-event-store';

const postgresAdapter: SqlEventStoreAdapter = {
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

eventStorePortContract(postgresAdapter);
sqlEventStoreContract(postgresAdapter);
holeSafetyContract(postgresAdapter);
chainContract(postgresAdapter);
pagedReadsContract(postgresAdapter);
checkpointContract(postgresAdapter);

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
