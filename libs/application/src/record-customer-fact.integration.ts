import { CustomerErasedError, CustomerNotRegistered, customerDecider } from '@crm/domain';
import { createPostgresEventStore, WrongExpectedVersionError, type EventStore, type NewEvent, type ReadStreamOptions, type SqlEventStore } from '@crm/event-store';
import { createTestDatabase } from '@crm/testing';
import { CustomerStreams } from './customer-streams';
import { CustomerFacts, type CommandContext } from './record-customer-fact';

/** Counts the events the handler reads, to prove a long stream is not folded again for every command. */
function counting(store: SqlEventStore): { store: EventStore; read: () => number } {
  let read = 0;
  const counted = Object.create(store) as EventStore;
  counted.readStream = async function* (streamId: string, options?: ReadStreamOptions) {
    for await (const event of store.readStream(streamId, options)) {
      read++;
      yield event;
    }
  };
  return { store: counted, read: () => read };
}

const context: CommandContext = { actor: 'spec', correlationId: 'c', occurredAt: '2024-06-01T00:00:00.000Z' };
const purchase = (facts: CustomerFacts, orderId: string) =>
  facts.record('long', { type: 'RecordPurchase', data: { orderId, currency: 'CNY', lines: [{ sku: 'A', category: 'c', quantity: 1, unitPriceMinor: 100 }] } }, context);

describe('recording facts on a customer with 10,000 events (PostgreSQL)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let store: SqlEventStore;
  beforeAll(async () => {
    database = await createTestDatabase();
    store = await createPostgresEventStore(database.url);
    await store.append('customer-long', [{ type: 'CustomerRegistered', data: { customerId: 'long', kind: 'organization', name: 'Long' } }], 'no_stream');
    for (let version = 1; version < 10_000; version += 111) {
      const n = Math.min(111, 10_000 - version);
      const events: NewEvent[] = Array.from({ length: n }, (_, i) => ({
        type: 'InteractionRecorded',
        data: { channel: 'call', direction: 'inbound', purpose: 'service', summary: `call ${version + i}` },
      }));
      await store.append('customer-long', events, version - 1);
    }
  });
  afterAll(async () => {
    await store.close();
    await database.drop();
  });

  it('folds the stream once, then decides on the kept state, verified by the expected version', async () => {
    const { store: countingStore, read } = counting(store);
    const facts = new CustomerFacts(countingStore, new CustomerStreams(countingStore, customerDecider), customerDecider);
    const first = await purchase(facts, 'SO-1');
    expect(first.streamVersion).toBe(10_000);
    expect(read()).toBe(10_000);
    for (let i = 2; i <= 20; i++) await purchase(facts, `SO-${i}`);
    expect(read()).toBe(10_000);
    expect(await store.streamVersion('customer-long')).toBe(10_019);
  });

  it('catches up with events another process wrote, reading only those', async () => {
    const { store: countingStore, read } = counting(store);
    const facts = new CustomerFacts(countingStore, new CustomerStreams(countingStore, customerDecider), customerDecider);
    await purchase(facts, 'SO-100');
    const before = read();
    await store.append('customer-long', [{ type: 'StarRated', data: { stars: 4 } }], 'any');
    const outcome = await purchase(facts, 'SO-101');
    expect(outcome.events.map((e) => e.type)).toEqual(['PurchaseRecorded']);
    expect(read() - before).toBe(1);
    const retry = await purchase(facts, 'SO-101');
    expect(retry.events).toEqual([]);
  });
});

describe('refusals and preconditions (PostgreSQL)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let store: SqlEventStore;
  let facts: CustomerFacts;
  const rateStars = (customerId: string, more: Partial<CommandContext> = {}) =>
    facts.record(customerId, { type: 'RateStars', data: { stars: 4 } }, { ...context, ...more });
  const registered = (customerId: string): NewEvent => ({ type: 'CustomerRegistered', data: { customerId, kind: 'organization', name: customerId } });

  beforeAll(async () => {
    database = await createTestDatabase();
    store = await createPostgresEventStore(database.url);
    facts = new CustomerFacts(store, new CustomerStreams(store, customerDecider), customerDecider);
  });
  afterAll(async () => {
    await store.close();
    await database.drop();
  });

  it('checks a refusal against the stream, not only the kept state: a customer another process registered is seen', async () => {
    await expect(rateStars('late')).rejects.toBeInstanceOf(CustomerNotRegistered);
    await store.append('customer-late', [registered('late')], 'no_stream');
    await expect(rateStars('late')).resolves.toMatchObject({ streamVersion: 1, events: [{ type: 'StarRated' }] });
  });

  it('answers an unknown customer (404) or an erased one (410) before a failed If-Match (409)', async () => {
    await expect(rateStars('ghost', { expectedVersion: 0 })).rejects.toBeInstanceOf(CustomerNotRegistered);
    await store.append('customer-gone', [registered('gone'), { type: 'CustomerErased', data: { basis: 'data-subject-request' } }], 'no_stream');
    await expect(rateStars('gone', { expectedVersion: 0 })).rejects.toBeInstanceOf(CustomerErasedError);
    await store.append('customer-here', [registered('here')], 'no_stream');
    await expect(rateStars('here', { expectedVersion: 5 })).rejects.toBeInstanceOf(WrongExpectedVersionError);
  });

  it('writes a request with a key once, even when a process that never saw its answer runs it again', async () => {
    await store.append('customer-retried', [registered('retried')], 'no_stream');
    const call = { type: 'RecordInteraction', data: { channel: 'call', direction: 'inbound', purpose: 'other', summary: 'Asked for a quote' } } as const;
    const keyed = { ...context, requestKey: 'key-1\nquote-call' };
    const first = await facts.record('retried', call, keyed);
    // Another process (a fresh kept state) runs the same request after the first died before answering.
    const again = await new CustomerFacts(store, new CustomerStreams(store, customerDecider), customerDecider).record('retried', call, keyed);
    expect(again.events.map((e) => e.eventId)).toEqual(first.events.map((e) => e.eventId));
    expect(await store.streamVersion('customer-retried')).toBe(1);
    // Without a key, or with another, the same fact is a new one.
    await facts.record('retried', call, { ...context, requestKey: 'key-1\nquote-call-2' });
    await facts.record('retried', call, context);
    expect(await store.streamVersion('customer-retried')).toBe(3);
  });
});
