import { createApp } from '../../api/src/app';
import { ApiKeyStore } from '../../api/src/auth/api-key-store';
import { loadConfig } from '../../api/src/config/config';
import { demoDataset } from './dataset';
import { loadDataset } from './loader';

/**
 * `npm run demo`: starts the service, loads the demo dataset through the real
 * command path (HTTP, validation, deciders, event store) and leaves the
 * service running; run again on the same database, it writes nothing twice.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config, ['error', 'warn']);
  await app.listen(config.port, '0.0.0.0');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  const loader = await app.get(ApiKeyStore).issue('demo-loader', 'writer');
  const customers = demoDataset(Number(process.env.DEMO_CUSTOMERS ?? 2000));
  const total = customers.reduce((n, c) => n + c.requests.length, 0);
  process.stdout.write(`Loading ${customers.length} customers, ${total} facts into ${url} ...\n`);
  const progress = new ProgressBar(total);
  const failures = await loadDataset(url, loader.key, customers, Number(process.env.DEMO_CONCURRENCY ?? 16), () => progress.tick());
  progress.done();
  if (failures.length > 0) process.stdout.write(`${failures.length} facts were refused, e.g.:\n  ${failures.slice(0, 5).join('\n  ')}\n`);
  process.stdout.write(`Demo loaded. The service keeps running on ${url} (docs at ${url}/docs); a writer key: ${loader.key}\n`);
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
