import { demoDataset } from './dataset';

describe('the demo dataset', () => {
  const customers = demoDataset();
  const facts = customers.flatMap((c) => c.requests);

  it('is the same on every run', () => {
    expect(JSON.stringify(demoDataset())).toBe(JSON.stringify(customers));
  });

  it('has at least 2,000 customers and 100,000 interactions, with purchases and complaints', () => {
    const count = (path: string) => facts.filter((f) => f.path === path).length;
    expect(customers).toHaveLength(2000);
    expect(count('/interactions')).toBeGreaterThanOrEqual(100_000);
    expect(count('/purchases')).toBeGreaterThan(20_000);
    expect(count('/complaints')).toBeGreaterThan(1000);
  });

  it('spans three past years, each customer in business-time order', () => {
    const times = facts.map((f) => Date.parse(f.body.occurredAt as string));
    expect(times.reduce((a, b) => Math.min(a, b))).toBe(Date.parse('2023-01-01T00:00:00Z'));
    expect(times.reduce((a, b) => Math.max(a, b))).toBeLessThan(Date.parse('2026-02-01T00:00:00Z'));
    for (const customer of customers) {
      const own = customer.requests.map((r) => Date.parse(r.body.occurredAt as string));
      expect(own).toEqual([...own].sort((a, b) => a - b));
    }
  });
});
