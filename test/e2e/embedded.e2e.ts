import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registered, startApi } from '../support/api';

/** What a newcomer runs: the service on embedded PGlite, stopped and started again on the same folder. */
describe('the service on embedded PGlite', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'crm-embedded-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // No master key given, as `npm start` runs: the first start makes the key file in the data folder.
  const embedded = () => startApi({ databaseUrl: undefined, dataDir: dir, masterKey: undefined });

  it('records facts with If-Match and Idempotency-Key, manages keys, and keeps it all across a restart', async () => {
    const first = await embedded();
    let till: string;
    try {
      expect((await first.call('GET', '/health')).body).toMatchObject({ storage: 'pglite' });
      await registered(first.call, 'shop-7');
      const order = { orderId: 'SO-1', currency: 'CNY', lines: [{ sku: 'NB-T14', category: 'notebooks', quantity: 1, unitPriceMinor: 599_900 }] };
      const bought = await first.call('POST', '/v1/customers/shop-7/purchases', order, { 'idempotency-key': 'buy-1', 'if-match': '"0"' });
      expect(bought.status).toBe(201);
      const retried = await first.call('POST', '/v1/customers/shop-7/purchases', order, { 'idempotency-key': 'buy-1', 'if-match': '"0"' });
      expect(retried.body).toEqual(bought.body);
      expect((await first.call('POST', '/v1/customers/shop-7/star-rating', { stars: 4 }, { 'if-match': '"0"' })).status).toBe(409);
      const issued = await first.call('POST', '/v1/api-keys', { name: 'till', role: 'writer' });
      till = issued.body.key;
      const revokedKey = await first.call('POST', '/v1/api-keys', { name: 'old till', role: 'writer' });
      expect((await first.call('DELETE', `/v1/api-keys/${revokedKey.body.id}`)).status).toBe(204);
    } finally {
      await first.close();
    }

    expect(statSync(join(dir, 'keys')).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'keys', 'master-key')).mode & 0o777).toBe(0o600);
    const second = await embedded();
    try {
      const state = await second.call('GET', '/v1/customers/shop-7');
      expect(state.status).toBe(200);
      expect(state.headers.get('etag')).toBe('"1"');
      // The auditors' state, folded from the stream up to the registration.
      const registration = await second.call('GET', '/v1/customers/shop-7/state?version=0');
      expect(registration.body).toMatchObject({ customerId: 'shop-7', streamVersion: 0, personalDataErased: false, state: { name: 'Customer shop-7', purchases: { orderCount: 0 } } });
      expect((await second.withAuthorization(`Bearer ${till!}`)('POST', '/v1/customers/shop-7/star-rating', { stars: 5 })).status).toBe(201);
      const keys = (await second.call('GET', '/v1/api-keys')).body.keys as { name: string; revokedAt: string | null }[];
      expect(keys.find((k) => k.name === 'old till')?.revokedAt).not.toBeNull();
      // The read models run in the embedded service too, and kept their checkpoint across the restart.
      const history = await second.call('GET', '/v1/customers/shop-7/history');
      expect(history.body.entries.map((e: { type: string }) => e.type)).toEqual(['CustomerRegistered', 'PurchaseRecorded', 'StarRated']);
      let projections = await second.call('GET', '/v1/projections');
      for (let i = 0; i < 250 && projections.body.some((p: { lagEvents: number }) => p.lagEvents > 0); i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        projections = await second.call('GET', '/v1/projections');
      }
      expect(projections.body.map((p: { name: string; status: string; lagEvents: number }) => [p.name, p.status, p.lagEvents])).toEqual(
        ['relationship_history', 'lifecycle', 'complaint_board', 'commerce', 'loyalty_evidence', 'customer_directory', 'care_agenda', 'audit_trail'].map((name) => [name, 'live', 0]),
      );
    } finally {
      await second.close();
    }
  });
});
