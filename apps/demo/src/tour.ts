import { customerIdOf } from './plan';
import { demoEndAfter } from './dataset';

const authorized = (key: string) => ({ authorization: `Bearer ${key}` });

async function read<T>(url: string, key: string): Promise<{ status: number; body: T }> {
  const response = await fetch(url, { headers: authorized(key) });
  return { status: response.status, body: (response.ok ? await response.json() : await response.text()) as T };
}

/**
 * Where the demo ends: by default at the start of today (UTC), so that reads as of now find
 * the data fresh; `DEMO_END` (an ISO instant, not in the future) moves it. A database that holds
 * the demo already keeps the end it was loaded with, told by its first customer's registration,
 * so that a run on a later day writes nothing twice.
 */
export async function demoEnd(url: string, key: string, env: NodeJS.ProcessEnv): Promise<{ end: Date; note?: string }> {
  const first = await read<{ registeredAt: string }>(`${url}/v1/customers/${customerIdOf(0)}`, key);
  if (first.status === 200) {
    const end = demoEndAfter(new Date(first.body.registeredAt));
    return { end, note: `The database holds the demo up to ${end.toISOString()} already; continuing that one.` };
  }
  if (!env.DEMO_END) {
    const now = new Date();
    return { end: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())) };
  }
  const end = new Date(env.DEMO_END);
  if (Number.isNaN(end.getTime()) || end.getTime() > Date.now()) throw new Error(`DEMO_END must be an instant not in the future, not ${JSON.stringify(env.DEMO_END)}`);
  return { end };
}

interface ProjectionStatus {
  name: string;
  status: string;
  lagEvents: number;
  error: string | null;
}

/** Waits until every read model has applied every event, drawing how far they are; false when it gives up. */
export async function untilReadModelsLive(url: string, key: string, timeoutMs: number): Promise<boolean> {
  const started = Date.now();
  for (;;) {
    const { status, body } = await read<ProjectionStatus[]>(`${url}/v1/projections`, key);
    if (status !== 200) throw new Error(`GET /v1/projections answered ${status}: ${String(body)}`);
    const live = body.filter((p) => p.status === 'live' && p.lagEvents === 0);
    const behind = body.reduce((most, p) => Math.max(most, p.lagEvents), 0);
    const line = `Read models: ${live.length}/${body.length} live, ${behind} events behind at most (${Math.round((Date.now() - started) / 1000)}s)`;
    process.stdout.write(process.stdout.isTTY ? `\r${line}` : `${line}\n`);
    const failed = body.filter((p) => p.status === 'failed');
    if (failed.length > 0) throw new Error(`\nRead models failed: ${failed.map((p) => `${p.name}: ${p.error}`).join('; ')}`);
    if (live.length === body.length) return finish(true);
    if (Date.now() - started > timeoutMs) return finish(false);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  function finish(ok: boolean): boolean {
    if (process.stdout.isTTY) process.stdout.write('\n');
    return ok;
  }
}

/** The first key account in rank order, as the service's tiers have it. */
export async function keyAccount(url: string, key: string): Promise<string | undefined> {
  const { status, body } = await read<{ customers: { customerId: string; tier: string }[] }>(`${url}/v1/analytics/tiers?tier=key&limit=1`, key);
  if (status !== 200) throw new Error(`GET /v1/analytics/tiers answered ${status}: ${String(body)}`);
  return body.customers.find((c) => c.tier === 'key')?.customerId;
}

/** Where a newcomer looks first: what the read models say of the demo. */
export function tour(url: string, writerKey: string, keyAccountId: string | undefined): string {
  const links: [string, string][] = [
    ['lifecycle funnel', '/v1/analytics/funnel'],
    ['revenue deciles', '/v1/analytics/deciles'],
    ...(keyAccountId ? ([['a key account', `/v1/customers/${keyAccountId}/360`]] as [string, string][]) : []),
    ['care agenda', '/v1/care-agenda'],
    ['complaint board', '/v1/complaints/board'],
  ];
  const width = Math.max(...links.map(([label]) => label.length));
  return (
    'Where to look (each answers as of now, or as of `?asOf=`):\n' +
    links.map(([label, path]) => `  ${label.padEnd(width)}  ${url}${path}\n`).join('') +
    `  e.g. curl -H 'authorization: Bearer ${writerKey}' ${url}${links[0][1]}\n`
  );
}
