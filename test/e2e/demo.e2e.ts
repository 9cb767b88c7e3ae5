import { demoDataset, loadDataset } from '@crm/demo';
import { startApi, type TestApi } from '../support/api';

describe('the demo loader (PostgreSQL)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('loads customers through the API with no fact refused, and writes nothing twice when run again', async () => {
    const customers = demoDataset().slice(0, 40);
    const facts = customers.reduce((n, c) => n + c.requests.length, 0);
    const writer = await api.call('POST', '/v1/api-keys', { name: 'demo-loader', role: 'writer' });
    let sent = 0;
    expect(await loadDataset(api.url, writer.body.key, customers, 8, () => sent++)).toEqual([]);
    expect(sent).toBe(facts);
    const health = await api.call('GET', '/health');
    expect(health.body.headPosition).toBeGreaterThanOrEqual(facts);
    expect(await loadDataset(api.url, writer.body.key, customers, 8, () => undefined)).toEqual([]);
    expect((await api.call('GET', '/health')).body.headPosition).toBe(health.body.headPosition);
    const view = await api.call('GET', `/v1/customers/${customers[0].customerId}`);
    expect(view.body.interactions.count).toBe(customers[0].requests.filter((r) => r.path === '/interactions').length);
  }, 300_000);
});
