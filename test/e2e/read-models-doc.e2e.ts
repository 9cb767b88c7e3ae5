import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SQL_CLIENT } from '@crm/api';
import type { SqlClient } from '@crm/event-store';
import { startApi, type TestApi } from '../support/api';

/** Every SQL example of docs/read-models.md runs on the read models of a service with data. */
describe('the analysts’ documentation (PostgreSQL)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
    const post = async (path: string, body: Record<string, unknown>) => {
      const answer = await api.call('POST', path, body);
      if (answer.status !== 201) throw new Error(`${path}: ${answer.status} ${answer.text}`);
    };
    await post('/v1/customers', { customerId: 'doc-1', kind: 'organization', name: 'Doc One', occurredAt: '2024-02-01T00:00:00Z' });
    await post('/v1/customers', { customerId: 'doc-2', kind: 'person', name: 'Doc Two', occurredAt: '2024-03-01T00:00:00Z' });
    await post('/v1/customers/doc-1/purchases', { orderId: 'SO-1', currency: 'CNY', lines: [{ sku: 'B', category: 'booths', quantity: 1, unitPriceMinor: 900_000 }] });
    await post('/v1/customers/doc-1/interactions', { channel: 'visit', direction: 'outbound', purpose: 'care', summary: 'Spring visit' });
    await post('/v1/customers/doc-1/competitor-contacts', { competitor: 'Rival', outcome: 'resisted' });
    await post('/v1/customers/doc-1/complaints', { complaintId: 'cp-1', category: 'service', severity: 'low', channel: 'call', description: 'Slow', receivedBy: 'wu' });
    for (let i = 0; i < 250; i++) {
      const status = (await api.call('GET', '/v1/projections')).body as { lagEvents: number }[];
      if (status.every((p) => p.lagEvents === 0)) break;
      await sleep(20);
    }
  });
  afterAll(() => api.close());

  const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'read-models.md'), 'utf8');
  const examples = [...doc.matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => m[1]);

  it('has examples, and each one answers rows', async () => {
    expect(examples.length).toBeGreaterThanOrEqual(5);
    const db = api.app.get<SqlClient>(SQL_CLIENT);
    for (const sql of examples) {
      const rows = await db.query(sql).catch((error: Error) => {
        throw new Error(`${error.message} in:\n${sql}`);
      });
      expect({ sql, answered: rows.length > 0 }).toEqual({ sql, answered: true });
    }
  });
});
