import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { customerStream, openRuntime, type RuntimeConfig } from '@crm/application';
import { createTestDatabase, testMasterKey, testMasterKeyText, testSigningKey, testSigningKeyText, type TestDatabase } from '@crm/testing';
import { buildService, startServiceProcess, type ServiceProcess } from '../support/service-process';

/**
 * The service is killed (SIGKILL) at random moments while 16 clients write, and
 * started again on the same database. A client sends each fact with an
 * Idempotency-Key and sends it again, same key, until it is acknowledged, as a
 * front system that lost its answer must. In the end every fact is stored once:
 * none lost, none twice, and a last retry of each key writes nothing.
 */
const clients = 16;
const kills = 5;
const adminKey = 'crash-admin-key-0123456789abcdef';

interface Fact {
  key: string;
  path: string;
  body: Record<string, unknown>;
  /** What the stored event carries to tell this fact apart. */
  summary?: string;
}

const factOf = (client: number, n: number): Fact =>
  n === 0
    ? { key: `c${client}-0`, path: '/v1/customers', body: { customerId: `crash-${client}`, kind: 'organization', name: `Crash ${client} Ltd` } }
    : {
        key: `c${client}-${n}`,
        path: `/v1/customers/crash-${client}/interactions`,
        body: { channel: 'call', direction: 'inbound', purpose: 'service', summary: `c${client}-${n}` },
        summary: `c${client}-${n}`,
      };

async function send(url: string, fact: Fact): Promise<{ status: number; text: string } | undefined> {
  try {
    const response = await fetch(`${url}${fact.path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json', 'idempotency-key': fact.key },
      body: JSON.stringify(fact.body),
      signal: AbortSignal.timeout(20_000),
    });
    return { status: response.status, text: await response.text() };
  } catch {
    return undefined; // the process died under the request, or is not listening yet
  }
}

async function crashUnderLoad(label: string, env: Record<string, string>, config: RuntimeConfig): Promise<void> {
  let service: ServiceProcess = await startServiceProcess(env);
  let killed = 0;
  let done = false;
  const acknowledged = new Map<string, { fact: Fact; status: number; text: string }>();
  const unexpected: string[] = [];
  /** Facts sent again because an answer was lost to a kill (or the service was down). */
  const resent = new Set<string>();

  const client = async (id: number): Promise<void> => {
    for (let n = 0; !done || n === 0; n++) {
      const fact = factOf(id, n);
      for (;;) {
        const answer = await send(service.url, fact);
        if (answer && (answer.status === 201 || answer.status === 200)) {
          acknowledged.set(fact.key, { fact, ...answer });
          break;
        }
        // 409: the key's first request is still running or died (its claim expires); 503: the database is starting.
        resent.add(fact.key);
        if (answer && answer.status !== 409 && answer.status !== 503) unexpected.push(`${fact.key}: ${answer.status} ${answer.text}`);
        await sleep(20 + Math.random() * 80);
      }
    }
  };

  const killer = async (): Promise<void> => {
    while (killed < kills) {
      const before = acknowledged.size;
      while (acknowledged.size < before + 20) await sleep(10);
      await sleep(Math.random() * 300);
      service.child.kill('SIGKILL');
      expect(await service.exited).toBe('SIGKILL');
      killed++;
      service = await startServiceProcess(env);
    }
    done = true;
  };

  await Promise.all([killer(), ...Array.from({ length: clients }, (_, id) => client(id))]);
  expect(unexpected).toEqual([]);
  expect(killed).toBe(kills);
  expect(resent.size).toBeGreaterThan(kills); // the kills did cut requests off

  // A last retry of every key is answered as before and writes nothing.
  for (const { fact, status, text } of acknowledged.values()) {
    const again = await send(service.url, fact);
    expect({ key: fact.key, status: again?.status, text: again?.text }).toEqual({ key: fact.key, status, text });
  }
  service.child.kill('SIGTERM');
  expect(await service.exited).toBe('SIGTERM'); // drained and closed, then ended by the signal (Nest's shutdown hooks)

  // Read back, with the service stopped: each stream holds its facts, each once, in the order they were acknowledged.
  const runtime = await openRuntime(config);
  try {
    for (let id = 0; id < clients; id++) {
      const summaries: string[] = [];
      for await (const event of runtime.store.readStream(customerStream(`crash-${id}`))) {
        if (event.type === 'InteractionRecorded') summaries.push((event.data as { summary: string }).summary);
      }
      const expected = [...acknowledged.values()].filter((a) => a.fact.summary?.startsWith(`c${id}-`)).map((a) => a.fact.summary);
      expect({ customer: id, summaries }).toEqual({ customer: id, summaries: expected });
    }
  } finally {
    await runtime.close();
  }
  process.stdout.write(`${label}: ${acknowledged.size} facts acknowledged across ${killed} kills (${resent.size} sent again), each stored once\n`);
}

describe('the service killed under load', () => {
  beforeAll(() => buildService(), 180_000);
  const common = { CRM_ADMIN_KEY: adminKey, CRM_IDEMPOTENCY_CLAIM_SECONDS: '1' };

  describe('on PostgreSQL', () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await createTestDatabase();
    });
    afterAll(() => database.drop());

    it('stores every acknowledged write exactly once, and a retried key writes nothing twice', async () => {
      await crashUnderLoad(
        'PostgreSQL',
        { ...common, DATABASE_URL: database.url, CRM_MASTER_KEY: testMasterKeyText, CRM_SIGNING_KEY: testSigningKeyText },
        { databaseUrl: database.url, dataDir: 'unused', masterKey: testMasterKey, signingKey: testSigningKey },
      );
    }, 300_000);
  });

  describe('on embedded PGlite', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'crm-crash-'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('stores every acknowledged write exactly once, and a retried key writes nothing twice', async () => {
      await crashUnderLoad('PGlite', { ...common, CRM_DATA_DIR: dir }, { dataDir: dir });
    }, 300_000);
  });
});
