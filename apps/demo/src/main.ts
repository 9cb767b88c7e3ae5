import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { demoDataset } from './dataset';
import { loadDataset } from './loader';
import { demoEnd, keyAccount, tour, untilReadModelsLive } from './tour';

/**
 * `npm run demo`: starts the service as a process of its own, loads the demo
 * dataset through its HTTP API (validation, deciders, event store: the real
 * command path, as a front system would) and leaves the service running; run
 * again on the same database, it writes nothing twice. The service gets an
 * admin key from the demo (CRM_ADMIN_KEY, made here unless given), which the
 * demo prints with a writer key, so that a newcomer can issue any other key.
 * Once the read models have caught up, it prints where to look.
 */
async function main(): Promise<void> {
  const port = process.env.PORT ?? '3000';
  const adminKey = process.env.CRM_ADMIN_KEY?.trim() || `demo-admin-${randomBytes(16).toString('hex')}`;
  const service = startService({ ...process.env, PORT: port, CRM_ADMIN_KEY: adminKey });
  const url = `http://127.0.0.1:${port}`;
  await untilHealthy(url, service);
  const loader = await issueKey(url, adminKey, 'demo-loader', 'writer');
  const { end, note } = await demoEnd(url, loader, process.env);
  if (note) process.stdout.write(`${note}\n`);
  const customers = demoDataset(Number(process.env.DEMO_CUSTOMERS ?? 2000), undefined, end);
  const total = customers.reduce((n, c) => n + c.requests.length, 0);
  process.stdout.write(`Loading ${customers.length} customers, ${total} facts up to ${end.toISOString()} into ${url} ...\n`);
  const progress = new ProgressBar(total);
  const failures = await loadDataset(url, loader, customers, Number(process.env.DEMO_CONCURRENCY ?? 16), () => progress.tick());
  progress.done();
  if (failures.length > 0) process.stdout.write(`${failures.length} facts were refused, e.g.:\n  ${failures.slice(0, 5).join('\n  ')}\n`);
  process.stdout.write(`Demo loaded.\n  admin key:  ${adminKey}\n  writer key: ${loader}\n`);
  const live = await untilReadModelsLive(url, loader, readModelsTimeoutMs);
  if (!live) process.stdout.write('The read models are still catching up; their answers fill in as they do.\n');
  process.stdout.write(tour(url, loader, await keyAccount(url, loader)));
  process.stdout.write(`The service keeps running on ${url} (docs at ${url}/docs); stop it with Ctrl-C.\n`);
}

/** Long enough for the read models to apply the full demo on a small machine. */
const readModelsTimeoutMs = 30 * 60_000;

/** The service's own entry point (its package's `main` export), run with this Node and these settings. */
function startService(env: NodeJS.ProcessEnv): ChildProcess {
  const service = spawn(process.execPath, [require.resolve('@crm/api/main')], { env, stdio: ['ignore', 'inherit', 'inherit'] });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => service.kill(signal));
  service.on('exit', (code) => process.exit(code ?? 1));
  // A demo that fails leaves no service behind.
  process.on('exit', () => service.kill());
  return service;
}

async function untilHealthy(url: string, service: ChildProcess): Promise<void> {
  for (const started = Date.now(); Date.now() - started < 120_000; ) {
    if (service.exitCode !== null) break;
    const ok = await fetch(`${url}/health`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The service did not answer on ${url}/health within 2 minutes.`);
}

async function issueKey(url: string, adminKey: string, name: string, role: string): Promise<string> {
  const response = await fetch(`${url}/v1/api-keys`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name, role }),
  });
  if (response.status !== 201) throw new Error(`Issuing the demo's ${role} key failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { key: string }).key;
}

/** Progress on one line: count, share, rate and time left. */
class ProgressBar {
  private done_ = 0;
  private readonly started = Date.now();
  private lastDraw = 0;

  constructor(private readonly total: number) {}

  tick(): void {
    this.done_ += 1;
    if (Date.now() - this.lastDraw > 250) this.draw();
  }

  done(): void {
    this.draw();
    process.stdout.write('\n');
  }

  private draw(): void {
    this.lastDraw = Date.now();
    const share = this.done_ / this.total;
    const seconds = (Date.now() - this.started) / 1000;
    const rate = this.done_ / Math.max(seconds, 0.001);
    const left = Math.round((this.total - this.done_) / Math.max(rate, 1));
    const bar = '#'.repeat(Math.round(share * 30)).padEnd(30, '.');
    const line = `[${bar}] ${this.done_}/${this.total} ${(share * 100).toFixed(1)}% ${rate.toFixed(0)}/s, ${left}s left`;
    process.stdout.write(process.stdout.isTTY ? `\r${line}` : `${line}\n`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
