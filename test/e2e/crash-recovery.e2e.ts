import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Webhook } from 'standardwebhooks';
import { customerStream, openRuntime, type RuntimeConfig } from '@crm/application';
import { startNats } from '@crm/ephemeral-nats';
import { createTestDatabase, testMasterKey, testMasterKeyText, testSigningKey, testSigningKeyText, type TestDatabase } from '@crm/testing';
import { buildService, startServiceProcess, type ServiceProcess } from '../support/service-process';
import {
  followLive,
  integratorKey,
  openJetStream,
  registerWebhook,
  runConsumerGroup,
  startWebhookReceiver,
  webhookStatus,
  type Envelope,
  type ServiceUrl,
} from '../support/subscribers';

/**
 * The service is killed (SIGKILL) at random moments while 16 clients write, and
 * started again on the same database. A client sends each fact with an
 * Idempotency-Key and sends it again, same key, until it is acknowledged, as a
 * front system that lost its answer must. In the end every fact is stored once:
 * none lost, none twice, and a last retry of each key writes nothing.
 *
 * Subscribers registered before the load follow it through the kills: a consumer group's
 * members, a webhook's receiver, a live SSE client and the NATS publisher's JetStream stream.
 * Once the service runs again they catch up with `$all`, none missing an event.
 */
const clients = 16;
const kills = 5;
/**
 * A client's pause after each acknowledged fact, as a front desk's: it keeps the store in the
 * thousands of events while the last kills wait (up to 20 s each) for the subscribers' leases.
 */
const pacingMs = 150;
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

/** The consumer group takes interactions only: its checkpoint must move past what its filter leaves out. */
const groupFilter = { types: ['InteractionRecorded'] };
/** How many of the kills wait until the webhooks' dispatcher and the NATS publisher have taken over again. */
const deliveringKills = 2;
/**
 * After the last start: up to 15 s until the webhooks' and NATS leases of the last killed process
 * run out, then the backlog (measured: 15 s on PostgreSQL, 44 s on PGlite, whose one connection
 * serves every subscriber). Past it, the test fails with how far each got.
 */
const catchUpDeadlineMs = 120_000;

async function crashUnderLoad(label: string, storageEnv: Record<string, string>, config: RuntimeConfig): Promise<void> {
  /** What to stop in the end, whatever happened: the last started first. */
  const stops: (() => unknown)[] = [];
  try {
    const nats = await startNats();
    stops.push(() => nats.stop());
    const env = { ...storageEnv, CRM_NATS_URL: nats.url };
    let service: ServiceProcess = await startServiceProcess(env);
    stops.push(() => service.child.exitCode === null && service.child.signalCode === null && service.child.kill('SIGKILL'));
    const serviceUrl: ServiceUrl = () => service.url;
    const key = await integratorKey(service.url, adminKey, 'crash-integrator');
    const receiver = await startWebhookReceiver();
    stops.push(() => receiver.close());
    const webhook = await registerWebhook(serviceUrl, key, receiver.url);
    const group = await runConsumerGroup(serviceUrl, key, { name: 'crash-group', filter: groupFilter, leaseSeconds: 1 }, ['member-1', 'member-2']);
    stops.push(() => group.stop());
    const live = followLive(serviceUrl, key);
    stops.push(() => live.stop());
    const jetStream = await openJetStream(nats.url);
    stops.push(() => jetStream.close());
    const delivered = async () => ({ webhook: receiver.deliveries.length, nats: await jetStream.count() });

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
            await sleep(pacingMs);
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
        const deliveredBefore = await delivered();
        while (acknowledged.size < before + 20) await sleep(10);
        // The last kills wait for the webhooks and the NATS publisher to work again (a killed process holds their leases 15 s), to cut them off too.
        if (killed >= kills - deliveringKills) await deliveringAgain(delivered, deliveredBefore);
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
    const answers = [...acknowledged.values()];
    await Promise.all(
      Array.from({ length: clients }, async (_, id) => {
        for (const { fact, status, text } of answers.filter((a) => a.fact.key.startsWith(`c${id}-`))) {
          const again = await send(service.url, fact);
          expect({ key: fact.key, status: again?.status, text: again?.text }).toEqual({ key: fact.key, status, text });
        }
      }),
    );
    service.child.kill('SIGTERM');
    expect(await service.exited).toBe('SIGTERM'); // drained and closed, then ended by the signal (Nest's shutdown hooks)

    // Read back, with the service stopped: each stream holds its facts, each once, in the order they were acknowledged.
    const all: Envelope[] = [];
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
      for await (const event of runtime.store.readAll()) all.push(event);
    } finally {
      await runtime.close();
    }
    process.stdout.write(`${label}: ${acknowledged.size} facts acknowledged across ${killed} kills (${resent.size} sent again), each stored once\n`);

    // The subscribers are served by the service: started once more, it lets each catch up with $all.
    service = await startServiceProcess(env);
    const head = all[all.length - 1].position;
    const matching = all.filter((e) => groupFilter.types.includes(e.type));
    const catchUpMs = await caughtUp(async () => {
      const groupAt = await group.status();
      const hook = await webhookStatus(serviceUrl, key, webhook.id);
      const received = new Set(receiver.deliveries.map((d) => d.headers['webhook-id'])).size;
      const acked = new Set(group.acks().map((a) => a.event.eventId)).size;
      const lastLive = live.received[live.received.length - 1]?.position ?? 0;
      const published = await jetStream.count();
      return {
        consumerGroup: {
          reached: { checkpoint: groupAt?.checkpoint, pending: groupAt?.pending.total, acked },
          done: groupAt?.checkpoint === head && groupAt.pending.total === 0 && acked >= matching.length,
        },
        webhook: {
          reached: { checkpoint: hook?.checkpoint, pending: hook?.pending, received },
          done: hook?.checkpoint === head && hook.pending === 0 && received >= all.length,
        },
        live: { reached: lastLive, done: lastLive >= head },
        nats: { reached: published, done: published >= all.length },
      };
    }, `${all.length} events, head ${head}`);

    // Consumer group: every event of its filter acked at least once, nothing else; a stream's first acks in its order.
    expect(group.unexpected).toEqual([]);
    expect(byStream(firstOf(group.acks().map((a) => a.event), (e) => e.eventId))).toEqual(byStream(matching));
    expect(await group.status()).toMatchObject({ checkpoint: head, pending: { total: 0 } });

    // Webhook: every event delivered, signed; de-duplicated by webhook-id, a stream's first receipts in its order.
    const verifier = new Webhook(webhook.secret);
    const forged = receiver.deliveries.filter((d) => !signedFor(verifier, d.body, d.headers));
    expect(forged).toEqual([]);
    const firstReceipts = firstOf(receiver.deliveries, (d) => d.headers['webhook-id']).map((d) => JSON.parse(d.body) as Envelope);
    expect(byStream(firstReceipts)).toEqual(byStream(all));

    // SSE: exactly the full sequence, across every reconnection.
    expect(live.unexpected).toEqual([]);
    expect(live.received.map((e) => e.position)).toEqual(all.map((e) => e.position));
    expect(live.connections()).toBeGreaterThanOrEqual(2); // at least the stop cut it off, and it resumed

    // NATS: each event once in the stream, in position order, its id the message id.
    const messages = await jetStream.messages();
    expect(messages.map((m) => m.event.eventId)).toEqual(all.map((e) => e.eventId));
    expect(messages.map((m) => m.msgId)).toEqual(all.map((e) => e.eventId));
    expect(messages.map((m) => Number(m.position))).toEqual(all.map((e) => e.position));
    process.stdout.write(
      `${label}: subscribers caught up ${(catchUpMs / 1000).toFixed(1)} s after the last start: consumer group ${group.acks().length} acks of ${matching.length} events, ` +
        `webhook ${receiver.deliveries.length} deliveries of ${all.length}, SSE ${all.length} events over ${live.connections()} connections, NATS ${messages.length} messages\n`,
    );
    service.child.kill('SIGTERM');
    expect(await service.exited).toBe('SIGTERM');
  } finally {
    for (const stop of stops.reverse()) await stop();
  }
}

/** Waits until the webhook's receiver and the JetStream stream have both received more than `before`: up to 20 s (lease, then its next try). */
async function deliveringAgain(delivered: () => Promise<{ webhook: number; nats: number }>, before: { webhook: number; nats: number }): Promise<void> {
  const deadline = Date.now() + 40_000;
  for (let now = await delivered(); now.webhook <= before.webhook || now.nats <= before.nats; now = await delivered()) {
    if (Date.now() > deadline) throw new Error(`the webhooks and NATS did not both deliver again within 40 s after a restart: from ${JSON.stringify(before)} to ${JSON.stringify(now)}`);
    await sleep(100);
  }
}

type Progress = Record<string, { reached: unknown; done: boolean }>;

/** Waits until every subscriber is done; past the deadline, fails with how far each got. Answers how long it took. */
async function caughtUp(progress: () => Promise<Progress>, target: string): Promise<number> {
  const started = Date.now();
  for (;;) {
    const now = await progress();
    if (Object.values(now).every((p) => p.done)) return Date.now() - started;
    if (Date.now() - started > catchUpDeadlineMs) {
      throw new Error(`the subscribers did not catch up with $all (${target}) within ${catchUpDeadlineMs} ms: ${JSON.stringify(now)}`);
    }
    await sleep(200);
  }
}

/** Each item once: the first of those with its key. */
function firstOf<T>(items: readonly T[], keyOf: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(keyOf(item)) && Boolean(seen.add(keyOf(item))));
}

/** Per stream, the versions in the order given. */
function byStream(events: readonly Envelope[]): Record<string, number[]> {
  const streams: Record<string, number[]> = {};
  for (const e of events) (streams[e.streamId] ??= []).push(e.streamVersion);
  return streams;
}

/** Whether the Standard Webhooks signature holds, for the event the webhook-id names. */
function signedFor(verifier: Webhook, body: string, headers: Record<string, string>): boolean {
  try {
    return (verifier.verify(body, headers) as Envelope).eventId === headers['webhook-id'];
  } catch {
    return false;
  }
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

    it('stores every acknowledged write exactly once, a retried key writes nothing twice, and every subscriber resumes with no gap', async () => {
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

    it('stores every acknowledged write exactly once, a retried key writes nothing twice, and every subscriber resumes with no gap', async () => {
      await crashUnderLoad('PGlite', { ...common, CRM_DATA_DIR: dir }, { dataDir: dir });
    }, 300_000);
  });
});
