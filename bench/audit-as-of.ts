import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { createApp, RUNTIME } from '@crm/api';
import { customerStream, type Runtime } from '@crm/application';
import { demoDataset, type DemoRequest } from '@crm/demo';
import { erasesPersonalData, personalFieldsOf } from '@crm/domain';
import type { NewEvent } from '@crm/event-store';
import { testMasterKey, testSigningKey } from '@crm/testing';
import { commandOf, occurredAtOf } from './demo-commands';
import { progress } from './progress';
import { latencySummary } from './stats';

const events = 10_000;
const instants = 500;
const warmUp = 50;
const clients = 8;
const customerId = 'audit-key-account';
const adminKey = 'bench-admin-key-0123456789';
/** The demo's customers have about 79 facts each: enough of them for 10,000 events of one customer. */
const demoCustomers = 180;

export interface StateAsOfLatency {
  /** Over every answer measured, sequential and concurrent. */
  p50Ms: number;
  p99Ms: number;
  events: number;
}

/**
 * `GET /v1/customers/:id/state` of a customer with 10,000 events of the demo's shape, at random
 * instants of its history (some also known at a random recording time, some up to a random
 * version), over HTTP against the service in this process: one client after another, then 8
 * concurrent ones, after a warm-up whose first request reads the stream from the store.
 */
export async function measureStateAsOf(databaseUrl: string): Promise<StateAsOfLatency> {
  // The read models are applied elsewhere (`crm project`): this measures the read alone.
  const app = await createApp({ port: 0, databaseUrl, dataDir: 'unused', masterKey: testMasterKey, signingKey: testSigningKey, adminKey, runProjections: false }, ['error', 'warn']);
  await app.listen(0, '127.0.0.1');
  const port = Number(new URL(await app.getUrl()).port);
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  try {
    const written = await writeKeyAccount(app.get<Runtime>(RUNTIME));
    const auditor = await auditorKey(port, agent);
    const random = mulberry32(18);
    const between = (from: number, to: number) => from + Math.floor(random() * (to - from + 1));
    const paths = Array.from({ length: instants }, () => {
      const query = new URLSearchParams({ asOf: new Date(between(written.firstOccurredAt, written.lastOccurredAt)).toISOString() });
      if (random() < 1 / 3) query.set('knownAt', new Date(between(written.firstRecordedAt, written.lastRecordedAt)).toISOString());
      if (random() < 1 / 4) query.set('version', String(between(0, events - 1)));
      return `/v1/customers/${customerId}/state?${query}`;
    });
    const get = (path: string) => timedGet(port, agent, auditor, path);

    const coldMs = await get(paths[0]);
    for (let i = 1; i < warmUp; i++) await get(paths[i]);
    const sequential: number[] = [];
    for (const [i, path] of paths.entries()) {
      sequential.push(await get(path));
      if ((i + 1) % 100 === 0) progress('state as of, one client', i + 1, instants);
    }
    const concurrent: number[] = [];
    let next = 0;
    const client = async () => {
      for (let i = next++; i < instants; i = next++) concurrent.push(await get(paths[i]));
    };
    await Promise.all(Array.from({ length: clients }, client));
    progress(`state as of, ${clients} clients`, instants, instants);

    const all = latencySummary([...sequential, ...concurrent]);
    console.log(`\nThe state as of a random instant of a customer with ${events} events (${written.sealed} with sealed personal data), over HTTP`);
    console.table({
      '1 client': latencySummary(sequential),
      [`${clients} concurrent clients`]: latencySummary(concurrent),
      both: all,
    });
    console.log(`first request (the stream read from the store and folded): ${coldMs.toFixed(1)} ms`);
    return { ...all, events };
  } finally {
    agent.destroy();
    await app.close();
  }
}

interface Written {
  sealed: number;
  firstOccurredAt: number;
  lastOccurredAt: number;
  firstRecordedAt: number;
  lastRecordedAt: number;
}

/**
 * One key account whose history is the demo's facts of many customers, told in business-time
 * order as one customer's: each decided on the state before it, as the service does (a fact the
 * account refuses, a second registration or a contact added twice, is left out); complaints keep
 * their own ids per story, the erasures are left out. Written through the service's own store,
 * which seals the personal data, in appends of 100 events.
 */
async function writeKeyAccount({ decider, store }: Runtime): Promise<Written> {
  const facts = demoDataset(demoCustomers)
    .flatMap(({ requests }, story) => requests.map((request) => ({ request: ownComplaints(request, story), at: Date.parse(occurredAtOf(request)) })))
    .filter(({ request }) => request.path !== '/erasure')
    .sort((a, b) => a.at - b.at);
  let state = decider.initialState();
  const decided: NewEvent[] = [];
  for (const { request } of facts) {
    if (decided.length >= events) break;
    const occurredAt = occurredAtOf(request);
    const metadata = { actor: 'bench-loader', correlationId: randomUUID(), occurredAt };
    try {
      for (const event of decider.decide(commandOf(customerId, request), state, { occurredAt })) {
        state = decider.evolve(state, { ...event, metadata });
        decided.push({ type: event.type, data: event.data as never, metadata });
      }
    } catch {
      // Refused for this account (e.g. registered already): not a fact of it.
    }
  }
  if (decided.length < events) throw new Error(`The demo's ${demoCustomers} customers gave ${decided.length} events, not ${events}.`);
  decided.length = events;
  if (decided.some((event) => erasesPersonalData(event.type))) throw new Error('An erasure is among the events.');
  const recordedAt: number[] = [];
  for (let from = 0; from < events; from += 100) {
    const result = await store.append(customerStream(customerId), decided.slice(from, from + 100), from === 0 ? 'no_stream' : from - 1);
    recordedAt.push(...result.events.map((event) => Date.parse(event.recordedAt)));
    if ((from + 100) % 2000 === 0) progress(`writing a ${events}-event customer`, from + 100, events);
  }
  const occurred = decided.map((event) => Date.parse(event.metadata!.occurredAt!));
  return {
    sealed: decided.filter((event) => personalFieldsOf(event.type).some((field) => event.data[field] !== undefined)).length,
    firstOccurredAt: occurred[0],
    lastOccurredAt: occurred[occurred.length - 1],
    firstRecordedAt: recordedAt[0],
    lastRecordedAt: recordedAt[recordedAt.length - 1],
  };
}

/** The story's complaints under ids of its own: every story numbers its complaints from 1. */
function ownComplaints(request: DemoRequest, story: number): DemoRequest {
  if (!request.path.startsWith('/complaints')) return request;
  const own = (id: string) => `s${story}-${id}`;
  const path = request.path.replace(/^\/complaints\/([^/]+)/, (_, id: string) => `/complaints/${own(decodeURIComponent(id))}`);
  const body = typeof request.body.complaintId === 'string' ? { ...request.body, complaintId: own(request.body.complaintId) } : request.body;
  return { path, body };
}

async function auditorKey(port: number, agent: Agent): Promise<string> {
  const { status, body } = await send(port, agent, `Bearer ${adminKey}`, 'POST', '/v1/api-keys', JSON.stringify({ name: 'bench-auditor', role: 'auditor' }));
  if (status !== 201) throw new Error(`issuing an auditor key: ${status} ${body}`);
  return `Bearer ${(JSON.parse(body) as { key: string }).key}`;
}

/** Milliseconds from sending the request to the answer's last byte; anything but 200 fails the run. */
async function timedGet(port: number, agent: Agent, authorization: string, path: string): Promise<number> {
  const started = performance.now();
  const { status, body } = await send(port, agent, authorization, 'GET', path);
  const ms = performance.now() - started;
  if (status !== 200) throw new Error(`GET ${path}: ${status} ${body.slice(0, 300)}`);
  return ms;
}

function send(port: number, agent: Agent, authorization: string, method: string, path: string, body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { authorization, ...(body === undefined ? {} : { 'content-type': 'application/json' }) };
    const req = request({ host: '127.0.0.1', port, method, path, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A small seeded generator: every run asks the same instants. */
function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}
