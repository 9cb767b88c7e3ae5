/** Test support only: left out of the build (tsconfig.build.json). */
import { createPGliteClient, createPostgresClient, type SqlClient } from '@crm/event-store';
import { createTestDatabase } from '@crm/testing';

export interface OpenedClient {
  client: SqlClient;
  dispose(): Promise<void>;
}

/** The storages a read model's SQL is tested on: a database of its own on the run's PostgreSQL, and embedded PGlite. */
export const testClients: readonly [name: string, open: () => Promise<OpenedClient>][] = [
  [
    'PostgreSQL',
    async () => {
      const database = await createTestDatabase();
      const client = createPostgresClient(database.url);
      return {
        client,
        dispose: async () => {
          await client.close();
          await database.drop();
        },
      };
    },
  ],
  [
    'embedded PGlite',
    async () => {
      const client = await createPGliteClient();
      return { client, dispose: () => client.close() };
    },
  ],
];
