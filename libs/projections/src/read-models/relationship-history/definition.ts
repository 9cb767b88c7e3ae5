import { contactFieldsOf, customerEventTypes, customerOfStream, erasesPersonalData, personalFieldsOf } from '@crm/domain';
import type { RecordedEvent } from '@crm/event-store';
import type { Projection, ProjectionBatch } from '../../projection';
import { copyRows } from '../copy-rows';
import { categoryOf } from './categories';

/**
 * Relationship history: one row per stored event of a customer, unknown types too, with
 * what an account manager filters on. The event's data is kept as it was read; when the
 * customer is erased its personal fields become null, as a rebuild reads them from then on,
 * and when a contact is erased, that contact's own fields in the entries naming them.
 */
export const relationshipHistory: Projection = {
  name: 'relationship_history',
  version: 2,
  handles: 'all',
  tables: ['history_entries'],
  schema: (t) => [
    `create table ${t('history_entries')} (
       position bigint primary key,
       customer_id text not null,
       stream_version integer not null,
       type text not null,
       category text not null,
       occurred_at timestamptz not null,
       recorded_at timestamptz not null,
       actor text,
       correlation_id text,
       causation_id text,
       contact_id text,
       complaint_id text,
       order_id text,
       data jsonb not null,
       unique (customer_id, stream_version)
     )`,
    `create index on ${t('history_entries')} (customer_id, occurred_at, stream_version)`,
  ],
  async apply({ tx, events, table }: ProjectionBatch) {
    const rows = events.flatMap((e) => {
      const customerId = customerOfStream(e.streamId);
      return customerId === undefined ? [] : [entryOf(customerId, e)];
    });
    await copyRows(tx, table('history_entries'), entryColumns, rows);
    for (const e of events) {
      const customerId = customerOfStream(e.streamId);
      if (customerId === undefined) continue;
      if (erasesPersonalData(e.type)) await eraseEntries(tx, table('history_entries'), customerId);
      else if (e.type === 'ContactErased' && typeof e.data.contactId === 'string') await eraseContact(tx, table('history_entries'), customerId, e.data.contactId);
    }
  },
};

/** The event types that hold a contact's own fields, with those fields. */
const contactTypes = customerEventTypes.filter((type) => contactFieldsOf(type).length > 0);

const idIn = (data: RecordedEvent['data'], field: string): string | null => (typeof data[field] === 'string' ? (data[field] as string) : null);

type Entry = ReturnType<typeof entryOf>;

const entryColumns: readonly (keyof Entry)[] = [
  'position',
  'customer_id',
  'stream_version',
  'type',
  'category',
  'occurred_at',
  'recorded_at',
  'actor',
  'correlation_id',
  'causation_id',
  'contact_id',
  'complaint_id',
  'order_id',
  'data',
];

function entryOf(customerId: string, e: RecordedEvent) {
  return {
    position: e.position,
    customer_id: customerId,
    stream_version: e.streamVersion,
    type: e.type,
    category: categoryOf(e.type),
    occurred_at: e.metadata.occurredAt,
    recorded_at: e.recordedAt,
    actor: e.metadata.actor ?? null,
    correlation_id: e.metadata.correlationId ?? null,
    causation_id: e.metadata.causationId ?? null,
    contact_id: idIn(e.data, 'contactId'),
    complaint_id: idIn(e.data, 'complaintId'),
    order_id: idIn(e.data, 'orderId'),
    data: e.data,
  };
}

/** Every personal field an entry holds becomes null: what the event store answers for them after the erasure. */
async function eraseEntries(tx: ProjectionBatch['tx'], table: string, customerId: string): Promise<void> {
  const types = await tx.query<{ type: string }>(`select distinct type from ${table} where customer_id = $1`, [customerId]);
  for (const { type } of types) {
    const fields = personalFieldsOf(type);
    if (fields.length === 0) continue;
    await tx.query(
      `update ${table} set data = data || (select jsonb_object_agg(f, null) from unnest($3::text[]) f where data ? f)
       where customer_id = $1 and type = $2 and data ?| $3::text[]`,
      [customerId, type, fields],
    );
  }
}

/** The contact's own fields become null in the entries of the events that name them, as the store reads them after the erasure. */
async function eraseContact(tx: ProjectionBatch['tx'], table: string, customerId: string, contactId: string): Promise<void> {
  for (const type of contactTypes) {
    await tx.query(
      `update ${table} set data = data || (select jsonb_object_agg(f, null) from unnest($4::text[]) f where data ? f)
       where customer_id = $1 and contact_id = $2 and type = $3 and data ?| $4::text[]`,
      [customerId, contactId, type, contactFieldsOf(type)],
    );
  }
}
