/** Test support only: left out of the build (tsconfig.build.json). */
import type { JsonObject, RecordedEvent, SqlClient } from '@crm/event-store';
import { tableNamer, viewName, type Projection, type TableNamer } from '../projection';

/** A seeded pseudo-random source: `next(n)` is 0..n-1, the same sequence for the same seed. */
export function seeded(seed: number): (n: number) => number {
  let state = seed;
  return (n) => (state = (state * 48271) % 2147483647) % n;
}

/** Events of customer streams as `$all` holds them: positions in order, each stream's versions from 0, recorded a second apart. */
export class CustomerHistories {
  readonly events: RecordedEvent[] = [];
  private readonly versions = new Map<string, number>();

  constructor(private readonly recordedFrom: number) {}

  /** Appends an event of `customer-<customer>` that happened at `occurredAt` (epoch ms). */
  push(customer: string, type: string, occurredAt: number, data: JsonObject = {}): void {
    const version = this.versions.get(customer) ?? 0;
    this.versions.set(customer, version + 1);
    const position = this.events.length + 1;
    this.events.push({
      position,
      eventId: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
      streamId: `customer-${customer}`,
      streamVersion: version,
      type,
      schemaVersion: 1,
      data,
      metadata: { occurredAt: new Date(occurredAt).toISOString() },
      recordedAt: new Date(this.recordedFrom + position * 1000).toISOString(),
    });
  }
}

/**
 * A projection's tables three times: generation 1 applied in one batch (the `crm_read` views
 * show it); generation 2 as a catch-up of batches of `step` events, with more ready, then the
 * batch that catches up (none of its own); generation 3 in batches of `step` as a live lane
 * applies them, caught up mostly, now and then a short catch-up. Before the end of
 * generation 2's catch-up, it must have listed several customers in `unkept`, a table of the
 * projection's, to keep at its end.
 */
export async function appliedWholeAndInBatches(client: SqlClient, projection: Projection, events: readonly RecordedEvent[], step: number, unkept: string) {
  const [whole, inBatches, live]: TableNamer[] = [tableNamer(1), tableNamer(2), tableNamer(3)];
  await client.exec('create schema if not exists crm_read');
  for (const statement of [...projection.schema(whole), ...projection.schema(inBatches), ...projection.schema(live)]) await client.exec(statement);
  for (const table of projection.tables) await client.exec(`create view ${viewName(table)} as select * from ${whole(table)}`);
  await client.transaction((tx) => projection.apply({ tx, events, table: whole, more: false }));
  for (let i = 0; i < events.length; i += step) {
    await client.transaction((tx) => projection.apply({ tx, events: events.slice(i, i + step), table: inBatches, more: true }));
  }
  const [{ listed }] = await client.query<{ listed: number }>(`select count(*)::int as listed from ${inBatches(unkept)}`);
  expect(listed).toBeGreaterThan(3);
  await client.transaction((tx) => projection.apply({ tx, events: [], table: inBatches, more: false }));
  for (let i = 0, batch = 0; i < events.length; i += step, batch++) {
    const more = batch % 7 < 2 && i + step < events.length;
    await client.transaction((tx) => projection.apply({ tx, events: events.slice(i, i + step), table: live, more }));
  }
  return { whole, inBatches, live };
}

/** Every table of the projection the same in the other generations as in the first, row for row. */
export async function expectSameTables(client: SqlClient, projection: Projection, first: TableNamer, ...others: TableNamer[]): Promise<void> {
  for (const table of projection.tables) {
    const rows = (t: TableNamer) => client.query(`select * from ${t(table)} r order by r::text`);
    const expected = await rows(first);
    for (const other of others) expect({ table, rows: await rows(other) }).toEqual({ table, rows: expected });
  }
}
