import { customerOfStream, erasesPersonalData, type ComplaintEvent } from '@crm/domain';
import type { Projection, ProjectionBatch } from '../../projection';
import { copyRows } from '../copy-rows';
import { toComplaintFact } from './complaint-facts';

const complaintTypes: readonly ComplaintEvent['type'][] = [
  'ComplaintFiled',
  'ComplaintAcknowledged',
  'ComplaintEscalated',
  'ComplaintTransferred',
  'ComplaintResolved',
  'ComplaintClosed',
  'ComplaintReopened',
];

/**
 * Complaint board: each complaint's steps as the board's facts (no free text: descriptions
 * and reasons are personal and not needed), and when a customer was erased. The board, its
 * SLA and its stats are computed at the asked instant from these.
 */
export const complaintBoard: Projection = {
  name: 'complaint_board',
  version: 1,
  handles: [...complaintTypes, 'CustomerErased'],
  tables: ['complaint_facts', 'complaint_erasures'],
  schema: (t) => [
    `create table ${t('complaint_facts')} (
       customer_id text not null,
       complaint_id text not null,
       stream_version integer not null,
       at timestamptz not null,
       fact jsonb not null,
       primary key (customer_id, stream_version)
     )`,
    `create index on ${t('complaint_facts')} (at)`,
    `create table ${t('complaint_erasures')} (customer_id text primary key, at timestamptz not null)`,
  ],
  async apply({ tx, events, table }: ProjectionBatch) {
    const facts: { customer_id: string; complaint_id: string; stream_version: number; at: string; fact: unknown }[] = [];
    for (const event of events) {
      const customerId = customerOfStream(event.streamId);
      if (customerId === undefined) continue;
      if (erasesPersonalData(event.type)) {
        await tx.query(`insert into ${table('complaint_erasures')} values ($1, $2) on conflict do nothing`, [customerId, event.metadata.occurredAt]);
        continue;
      }
      const { at: _at, version: _version, ...fact } = toComplaintFact(event as unknown as ComplaintEvent, 0, 0);
      facts.push({ customer_id: customerId, complaint_id: String(event.data.complaintId), stream_version: event.streamVersion, at: event.metadata.occurredAt, fact });
    }
    await copyRows(tx, table('complaint_facts'), ['customer_id', 'complaint_id', 'stream_version', 'at', 'fact'], facts);
  },
};
