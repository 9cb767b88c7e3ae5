import { randomUUID } from 'node:crypto';
import { customerStream, type Runtime } from '@crm/application';
import { demoDataset, type DemoRequest } from '@crm/demo';
import { erasesPersonalData } from '@crm/domain';
import type { NewEvent } from '@crm/event-store';
import { commandOf, occurredAtOf } from './demo-commands';
import { percentProgress } from './progress';

/** One customer's requests, in the order the customer needs them. */
export interface CustomerRequests {
  customerId: string;
  requests: DemoRequest[];
}

/** The demo's data cut in two: what is loaded before the measurements, and what is appended live. */
export interface DemoPlan {
  /** Loaded before the measurements (existing customers without their last requests). */
  load: CustomerRequests[];
  /** The live appends in order: customers interleaved, each customer's requests in its own order. */
  live: { customerId: string; request: DemoRequest }[];
}

/** The demo's customers average about 79 requests each, nearly all of one event. */
const requestsPerCustomer = 79;
/** Held back from an existing customer at least: its last requests, appended live (more when the run has few customers). */
const tailLength = 10;

/**
 * Enough demo customers for `events` loaded and `liveEvents` appended live: half of the live
 * ones continue existing customers (their last requests, held back from the load), half come
 * from customers new to the store.
 */
export function demoPlan(events: number, liveEvents: number): DemoPlan {
  const customers = demoDataset(Math.ceil((events + liveEvents) / requestsPerCustomer));
  const half = liveEvents / 2;
  const fresh: CustomerRequests[] = [];
  for (let requests = 0; requests < half && customers.length > 0; ) {
    fresh.unshift(customers.pop()!);
    requests += fresh[0].requests.length;
  }
  const tail = Math.min(requestsPerCustomer / 2, Math.max(tailLength, Math.ceil(half / customers.length)));
  const step = Math.max(1, Math.floor((customers.length * tail) / half));
  const tails: CustomerRequests[] = [];
  for (let i = 0, held = 0; i < customers.length && held < half; i += step) {
    const customer = customers[i];
    tails.push({ customerId: customer.customerId, requests: customer.requests.splice(-tail) });
    held += tails[tails.length - 1].requests.length;
  }
  return { load: customers, live: interleave([...tails, ...fresh]) };
}

/**
 * The customers' requests shuffled together (seeded), each customer's in its own order: the
 * first facts of existing customers, which fold their stream on the write side, spread over
 * the whole run instead of all coming first.
 */
function interleave(customers: CustomerRequests[]): DemoPlan['live'] {
  const slots = customers.flatMap((c, k) => c.requests.map(() => k));
  let seed = 17;
  // mulberry32: a small deterministic generator, so that every run appends the same sequence.
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  for (let i = slots.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [slots[i], slots[j]] = [slots[j], slots[i]];
  }
  const next = customers.map(() => 0);
  return slots.map((k) => ({ customerId: customers[k].customerId, request: customers[k].requests[next[k]++] }));
}

/** What was loaded: the events, and the span of their business time. */
export interface Loaded {
  events: number;
  firstOccurredAt: number;
  lastOccurredAt: number;
}

/** Events decided before they are appended together, one append per customer that has some. */
const eventsPerFlush = 4000;

/**
 * Loads customers without HTTP, in business-time order across customers, so that `$all`
 * interleaves them as a live store's log does (a projection's batch then spans many
 * customers, not a few whole histories). Each command is decided by the domain's decider on
 * the state folded from the customer's events decided before, as the write use case does;
 * the events go through the service's own store, which seals personal data as it does in
 * the service, one `appendToStreams` per few thousand events.
 */
export async function loadCustomers(runtime: Runtime, customers: CustomerRequests[]): Promise<Loaded> {
  const { decider, store } = runtime;
  const order = customers.flatMap((c, customer) => c.requests.map((request, i) => ({ customer, i, at: Date.parse(occurredAtOf(request)) })));
  // Stable: a customer's requests at the same instant keep their order.
  order.sort((x, y) => x.at - y.at);
  const states = customers.map(() => decider.initialState());
  const versions = customers.map(() => -1);
  const pending = new Map<number, NewEvent[]>();
  let decided = 0;
  const flush = async () => {
    const chunks = [...pending];
    pending.clear();
    decided = 0;
    const appendOf = ([customer, events]: [number, NewEvent[]]) => ({
      streamId: customerStream(customers[customer].customerId),
      events,
      expectedVersion: versions[customer] === -1 ? ('no_stream' as const) : versions[customer],
    });
    // An erasing event is appended alone: it destroys the stream's key in its own transaction.
    const plain = chunks.filter(([, events]) => !events.some((e) => erasesPersonalData(e.type)));
    const results = await store.appendToStreams(plain.map(appendOf));
    plain.forEach(([customer], k) => {
      const result = results[k];
      if (result instanceof Error) throw result;
      versions[customer] = result.streamVersion;
    });
    for (const chunk of chunks.filter((c) => !plain.includes(c))) {
      const { streamId, events, expectedVersion } = appendOf(chunk);
      versions[chunk[0]] = (await store.append(streamId, events, expectedVersion)).streamVersion;
    }
  };

  const show = percentProgress(`loading ${customers.length} demo customers`);
  for (const [k, { customer, i }] of order.entries()) {
    const { customerId, requests } = customers[customer];
    const occurredAt = occurredAtOf(requests[i]);
    const metadata = { actor: 'bench-loader', correlationId: randomUUID(), occurredAt };
    for (const event of decider.decide(commandOf(customerId, requests[i]), states[customer], { occurredAt })) {
      states[customer] = decider.evolve(states[customer], { ...event, metadata });
      let chunk = pending.get(customer);
      if (!chunk) pending.set(customer, (chunk = []));
      chunk.push({ type: event.type, data: event.data as never, metadata });
      decided++;
    }
    if (decided >= eventsPerFlush) await flush();
    show((k + 1) / order.length);
  }
  await flush();
  return { events: versions.reduce((sum, v) => sum + v + 1, 0), firstOccurredAt: order[0].at, lastOccurredAt: order[order.length - 1].at };
}
