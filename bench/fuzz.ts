import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createApp } from '@crm/api';
import { startPostgres } from '@crm/ephemeral-postgres';
import { fuzzOpenApi, fuzzTarget, testMasterKey, testSigningKey } from '@crm/testing';
import { progress } from './progress';

const requests = Number(process.env.CRM_FUZZ_REQUESTS ?? 20_000);
const adminKey = 'bench-fuzz-admin-key-0123456789';

/**
 * Every route of /docs-json under generated requests (the property test of
 * `npm test`, at 20,000 requests and a fresh seed): counts per status, server
 * errors and refused writes that moved a stream, in bench/results/fuzz.json.
 */
export async function runFuzzBenchmark(): Promise<void> {
  process.stderr.write('fuzz: starting PostgreSQL and the service...\n');
  const server = await startPostgres();
  const app = await createApp({ port: 0, databaseUrl: server.url, dataDir: 'unused', masterKey: testMasterKey, signingKey: testSigningKey, adminKey, authFailuresPerMinute: 1_000_000 }, ['error']);
  try {
    await app.listen(0, '127.0.0.1');
    const url = await app.getUrl();
    const seed = Number(process.env.CRM_FUZZ_SEED ?? Date.now() % 2 ** 31);
    const report = await fuzzOpenApi(await fuzzTarget(url, adminKey), {
      requests,
      seed,
      onProgress: (done) => progress('fuzz: generated requests', done, requests),
    });
    const result = { seed, requests: report.requests, byStatus: report.byStatus, serverErrors: report.serverErrors, movedOnRefusal: report.movedOnRefusal, faults: report.faults };
    const dir = join(process.cwd(), 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'fuzz.json'), `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await app.close();
    await server.stop();
  }
}
