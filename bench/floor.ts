import type { AddressInfo } from 'node:net';
import fastify from 'fastify';
import { openRuntime } from '@crm/application';
import type { JsonObject } from '@crm/event-store';
import { testMasterKey, testSigningKey } from '@crm/testing';

/**
 * The floor of the command path: each purchase appended through the same
 * store as the service's (openRuntime), behind a bare Fastify route (no Nest, API key, DTO validation or
 * decider). Measured under the same load, it shows what the machine allows
 * and how much of the rest the service's own layers take.
 */
export async function startFloorService(databaseUrl: string): Promise<{ port: number; close: () => Promise<void> }> {
  const runtime = await openRuntime({ databaseUrl, dataDir: 'unused', masterKey: testMasterKey, signingKey: testSigningKey });
  const store = runtime.store;
  const app = fastify();
  app.post<{ Params: { id: string }; Body: JsonObject }>('/v1/customers/:id/purchases', async (request, reply) => {
    const stream = `floor-${request.params.id}`;
    const result = await store.append(stream, [{ type: 'PurchaseRecorded', data: request.body, metadata: { actor: 'bench' } }], 'any');
    return reply.status(201).header('etag', `"${result.streamVersion}"`).send({ customerId: request.params.id, streamVersion: result.streamVersion, events: result.events });
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    port: (app.server.address() as AddressInfo).port,
    close: async () => {
      await app.close();
      await runtime.close();
    },
  };
}
