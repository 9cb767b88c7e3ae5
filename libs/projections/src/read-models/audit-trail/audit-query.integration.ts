import type { RecordedEvent, SqlClient } from '@crm/event-store';
import { tableNamer, viewName } from '../../projection';
import { readAuditTrail, type AuditFilter } from './audit-query';
import { auditTrail } from './definition';
import { testClients, type OpenedClient } from '../../testing/test-clients';

const base = Date.UTC(2024, 2, 1);
const actors = ['desk-alice', 'desk-bob', undefined];
const types = ['CustomerRegistered', 'StarRated', 'ComplaintFiled', 'PurchaseRecorded'];

/**
 * Events as concurrent writers leave them: positions with holes, and recording times a little
 * out of position order (a transaction that began first may draw its position last).
 */
function eventsOf(next: (n: number) => number): RecordedEvent[] {
  const events: RecordedEvent[] = [];
  let position = 0;
  for (let i = 0; i < 120; i++) {
    position += 1 + next(3);
    const actor = actors[next(actors.length)];
    events.push({
      position,
      eventId: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
      streamId: i % 17 === 5 ? 'checkpoints' : `customer-c-${next(6)}`,
      streamVersion: i,
      type: types[next(types.length)],
      schemaVersion: 1,
      data: {},
      metadata: { ...(actor ? { actor } : {}), correlationId: `req-${i}`, occurredAt: new Date(base - 86_400_000).toISOString() },
      recordedAt: new Date(base + i * 10 - next(45)).toISOString(),
    });
  }
  return events;
}

function suite(name: string, open: () => Promise<OpenedClient>) {
  describe(`the audit trail's query (${name})`, () => {
    let client: SqlClient;
    let dispose: () => Promise<void>;
    let random = 48271;
    const next = (n: number) => (random = (random * 48271) % 2147483647) % n;
    const events = eventsOf(next);
    const live = tableNamer(1);
    const rebuilt = tableNamer(2);

    beforeAll(async () => {
      ({ client, dispose } = await open());
      await client.exec('create schema if not exists crm_read');
      for (const statement of [...auditTrail.schema(live), ...auditTrail.schema(rebuilt)]) await client.exec(statement);
      await client.exec(`create view ${viewName('audit_entries')} as select * from ${live('audit_entries')}`);
      // Live: in batches of 1 to 9, as the daemon meets them; rebuilt: all at once.
      for (let i = 0; i < events.length; ) {
        const batch = events.slice(i, (i += 1 + next(9)));
        await client.transaction((tx) => auditTrail.apply({ tx, events: batch, table: live, more: false }));
      }
      await client.transaction((tx) => auditTrail.apply({ tx, events, table: rebuilt, more: false }));
    });
    afterAll(() => dispose());

    it('makes the same rows whatever the batches', async () => {
      const rows = (table: string) => client.query(`select * from ${table} order by position`);
      const rebuiltRows = await rows(rebuilt('audit_entries'));
      expect(rebuiltRows).toHaveLength(events.filter((e) => e.streamId !== 'checkpoints').length);
      expect(await rows(live('audit_entries'))).toEqual(rebuiltRows);
    });

    it('answers, page after page, exactly the events of the filter in position order', async () => {
      const times = events.map((e) => e.recordedAt);
      for (let q = 0; q < 60; q++) {
        // Windows whose edges are recording times themselves, or fall between them.
        const edge = () => (next(2) === 0 ? times[next(times.length)] : new Date(base - 50 + next(1_300)).toISOString());
        const filter: Omit<AuditFilter, 'limit' | 'after'> = {
          ...(next(2) === 0 ? { from: edge() } : {}),
          ...(next(2) === 0 ? { to: edge() } : {}),
          ...(next(3) === 0 ? { actor: actors[next(2)] } : {}),
          ...(next(3) === 0 ? { types: [types[next(4)], types[next(4)]] } : {}),
        };
        const expected = events
          .filter(
            (e) =>
              e.streamId !== 'checkpoints' &&
              (filter.from === undefined || e.recordedAt >= filter.from) &&
              (filter.to === undefined || e.recordedAt < filter.to) &&
              (filter.actor === undefined || e.metadata.actor === filter.actor) &&
              (filter.types === undefined || filter.types.includes(e.type)),
          )
          .map((e) => e.position);
        const limit = 1 + next(12);
        const seen: number[] = [];
        let after: number | undefined;
        for (let page = 0; page <= events.length; page++) {
          const answer = await readAuditTrail(client, { ...filter, limit, after });
          seen.push(...answer.entries.map((entry) => entry.position));
          if (answer.next === null) break;
          expect(answer.entries).toHaveLength(limit);
          after = answer.next;
        }
        expect({ filter, limit, positions: seen }).toEqual({ filter, limit, positions: expected });
      }
    });

    it('answers an entry as it was recorded', async () => {
      const event = events.find((e) => e.streamId !== 'checkpoints' && e.metadata.actor !== undefined)!;
      const { entries } = await readAuditTrail(client, { from: event.recordedAt, actor: event.metadata.actor, limit: 1000 });
      expect(entries.find((entry) => entry.position === event.position)).toEqual({
        position: event.position,
        eventId: event.eventId,
        customerId: event.streamId.replace('customer-', ''),
        streamVersion: event.streamVersion,
        type: event.type,
        actor: event.metadata.actor,
        correlationId: event.metadata.correlationId,
        causationId: null,
        occurredAt: event.metadata.occurredAt,
        recordedAt: event.recordedAt,
      });
    });
  });
}

for (const [name, open] of testClients) suite(name, open);
