import { progress } from './progress';
import { latencySummary } from './stats';

interface RouteSpec {
  path: string;
  /** Whether it takes `asOf` (measured at now and at a past instant, else at now only). */
  asOf: boolean;
}

/**
 * The read routes measured, one line each; `:id` is a real customer (a key account and random
 * ones in turn). A route that answers 404 is not there yet: it is skipped with a warning.
 */
const routes: RouteSpec[] = [
  { path: '/v1/analytics/funnel', asOf: true },
  { path: '/v1/analytics/tiers', asOf: true },
  { path: '/v1/analytics/deciles', asOf: true },
  { path: '/v1/complaints/board', asOf: true },
  { path: '/v1/care-agenda', asOf: true },
  { path: '/v1/customers', asOf: true },
  { path: '/v1/customers/:id/history', asOf: true },
  { path: '/v1/customers/:id/lifecycle', asOf: true },
  { path: '/v1/customers/:id/tier', asOf: true },
  { path: '/v1/customers/:id/loyalty', asOf: true },
  { path: '/v1/customers/:id/360', asOf: true },
  { path: '/v1/projections', asOf: false },
];

const warmUps = 3;
const measured = 50;
/** A route slower than this stops early (at least 10 requests), so that one slow route cannot hold the run for long. */
const budgetMs = 30_000;

export interface RouteLatency {
  route: string;
  asOf: 'now' | 'past';
  p50Ms: number;
  p99Ms: number;
  requests: number;
}

/** ~50 sequential requests per route and asOf, after 3 unmeasured ones, on one keep-alive connection. */
export async function measureRoutes(url: string, key: string, customerIds: string[], pastAsOf: string): Promise<RouteLatency[]> {
  const get = async (path: string) => {
    const response = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${key}` } });
    return { status: response.status, text: await response.text() };
  };
  const tiers = await get('/v1/analytics/tiers?tier=key&limit=1');
  const keyAccount = tiers.status === 200 ? (JSON.parse(tiers.text) as { customers: { customerId: string }[] }).customers[0]?.customerId : undefined;
  const random = () => customerIds[Math.floor(Math.random() * customerIds.length)];
  const customers = [keyAccount ?? random(), random(), random()];
  process.stderr.write(`routes: customers ${customers.join(', ')} (the first a key account), past asOf ${pastAsOf}\n`);

  const results: RouteLatency[] = [];
  const variants = routes.flatMap((r) => (r.asOf ? (['now', 'past'] as const) : (['now'] as const)).map((asOf) => ({ ...r, when: asOf })));
  for (const [v, { path, when }] of variants.entries()) {
    progress('measuring read routes', v, variants.length);
    const target = (i: number) => `${path.replace(':id', customers[i % customers.length])}${when === 'past' ? `?asOf=${pastAsOf}` : ''}`;
    const first = await get(target(0));
    if (first.status !== 200) {
      const why = first.status === 404 ? 'not there yet (404)' : `${first.status} ${first.text.slice(0, 200)}`;
      process.stderr.write(`routes: skipping GET ${path} (${when}): ${why}\n`);
      continue;
    }
    for (let i = 1; i < warmUps; i++) await get(target(i));
    const latencies: number[] = [];
    for (let i = 0, started = performance.now(); i < measured && (i < 10 || performance.now() - started < budgetMs); i++) {
      const sent = performance.now();
      const answer = await get(target(i));
      if (answer.status !== 200) throw new Error(`GET ${target(i)} answered ${answer.status}: ${answer.text.slice(0, 300)}`);
      latencies.push(performance.now() - sent);
    }
    results.push({ route: path, asOf: when, ...latencySummary(latencies), requests: latencies.length });
  }
  progress('measuring read routes', variants.length, variants.length);
  return results;
}
