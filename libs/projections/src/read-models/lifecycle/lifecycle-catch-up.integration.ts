import { createPGliteClient, type JsonObject, type RecordedEvent, type SqlClient } from '@crm/event-store';
import { tableNamer, type TableNamer } from '../../projection';
import { lifecycle } from './definition';

const day = 86_400_000;
const base = Date.UTC(2023, 0, 10);

/** Three customers' facts, interleaved as in `$all`: registrations, qualification, purchases, a back-dated one, a churn. */
function history(): RecordedEvent[] {
  const facts: [customer: string, type: string, dayOf: number, data?: JsonObject][] = [
    ['a', 'CustomerRegistered', 0],
    ['b', 'CustomerRegistered', 1],
    ['a', 'CustomerQualified', 2],
    ['c', 'CustomerRegistered', 3],
    ['a', 'PurchaseRecorded', 5, { orderId: 'o1' }],
    ['b', 'CustomerQualified', 6],
    ['a', 'PurchaseRecorded', 40, { orderId: 'o2' }],
    ['b', 'PurchaseRecorded', 41, { orderId: 'o3' }],
    ['c', 'CustomerDisqualified', 50],
    ['a', 'PurchaseRecorded', 20, { orderId: 'o4' }],
    ['b', 'CustomerChurned', 500],
    ['a', 'ReferralMade', 60, { referredCustomerId: 'b' }],
  ];
  const versions = new Map<string, number>();
  return facts.map(([customer, type, dayOf, data], i) => {
    const version = versions.get(customer) ?? 0;
    versions.set(customer, version + 1);
    return {
      position: i + 1,
      eventId: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
      streamId: `customer-${customer}`,
      streamVersion: version,
      type,
      schemaVersion: 1,
      data: data ?? {},
      metadata: { occurredAt: new Date(base + dayOf * day).toISOString() },
      recordedAt: new Date(base + i * 1000).toISOString(),
    };
  });
}

async function tables(client: SqlClient, table: TableNamer) {
  return {
    facts: await client.query(`select * from ${table('lifecycle_facts')} order by customer_id, stream_version`),
    stages: await client.query(`select * from ${table('lifecycle_stages')} order by customer_id, from_at`),
    unstaged: await client.query(`select * from ${table('lifecycle_unstaged')} order by customer_id`),
  };
}

describe('the lifecycle in a catch-up (embedded PGlite)', () => {
  let client: SqlClient;
  const whole = tableNamer(1);
  const inSteps = tableNamer(2);
  beforeAll(async () => {
    client = await createPGliteClient();
    await client.query(`create schema crm_read`);
    for (const table of [whole, inSteps]) for (const statement of lifecycle.schema(table)) await client.query(statement);
  });
  afterAll(() => client.close());

  it('keeps the customers it touches while more is ready as unstaged, and evaluates them all in the batch that catches up: the same rows as one batch', async () => {
    const events = history();
    await client.transaction((tx) => lifecycle.apply({ tx, events, table: whole, more: false }));
    for (let i = 0; i < 9; i += 3) await client.transaction((tx) => lifecycle.apply({ tx, events: events.slice(i, i + 3), table: inSteps, more: true }));
    const deferred = await tables(client, inSteps);
    expect(deferred.stages).toEqual([]);
    expect(deferred.unstaged).toEqual([{ customer_id: 'a' }, { customer_id: 'b' }, { customer_id: 'c' }]);
    // The batch that catches up holds none of b's or c's facts: they are evaluated all the same.
    await client.transaction((tx) => lifecycle.apply({ tx, events: events.slice(9).filter((e) => e.streamId === 'customer-a'), table: inSteps, more: false }));
    await client.transaction((tx) => lifecycle.apply({ tx, events: events.slice(9).filter((e) => e.streamId !== 'customer-a'), table: inSteps, more: false }));
    const [once, stepped] = [await tables(client, whole), await tables(client, inSteps)];
    expect(once.stages.length).toBeGreaterThan(3);
    expect(stepped).toEqual(once);
    expect(stepped.unstaged).toEqual([]);
  });

  it('evaluates a catching-up batch that holds none of its events, the lane applies it all the same', async () => {
    const events = history();
    const fresh = tableNamer(3);
    for (const statement of lifecycle.schema(fresh)) await client.query(statement);
    await client.transaction((tx) => lifecycle.apply({ tx, events, table: fresh, more: true }));
    await client.transaction((tx) => lifecycle.apply({ tx, events: [], table: fresh, more: false }));
    expect(await tables(client, fresh)).toEqual(await tables(client, whole));
    expect(lifecycle.defers).toBe(true);
  });
});
