import { customerOfStream } from '@crm/domain';
import type { Projection, ProjectionBatch } from '../../projection';
import { copyRows } from '../copy-rows';

/**
 * Loyalty evidence beside the orders (001's indicators): whom a customer referred, how it
 * answered competitors' offers, and its survey satisfaction. No free text is kept.
 */
interface LoyaltyFactRow {
  customer_id: string;
  stream_version: number;
  at: string;
  kind: 'referral' | 'competitor-contact' | 'survey';
  referred_customer_id: string | null;
  outcome: string | null;
  satisfaction: number | null;
}

export const loyaltyEvidence: Projection = {
  name: 'loyalty_evidence',
  version: 1,
  handles: ['ReferralMade', 'CompetitorContactObserved', 'SurveyAnswered'],
  tables: ['loyalty_facts'],
  schema: (t) => [
    `create table ${t('loyalty_facts')} (
       customer_id text not null,
       stream_version integer not null,
       at timestamptz not null,
       kind text not null check (kind in ('referral', 'competitor-contact', 'survey')),
       referred_customer_id text,
       outcome text,
       satisfaction integer,
       primary key (customer_id, stream_version)
     )`,
  ],
  async apply({ tx, events, table }: ProjectionBatch) {
    const rows = events.flatMap((e): LoyaltyFactRow[] => {
      const customerId = customerOfStream(e.streamId);
      if (customerId === undefined) return [];
      const text = (v: unknown) => (typeof v === 'string' ? v : null);
      const base: LoyaltyFactRow = { kind: 'survey', customer_id: customerId, stream_version: e.streamVersion, at: e.metadata.occurredAt, referred_customer_id: null, outcome: null, satisfaction: null };
      if (e.type === 'ReferralMade') return [{ ...base, kind: 'referral', referred_customer_id: text(e.data.referredCustomerId) }];
      if (e.type === 'CompetitorContactObserved') return [{ ...base, kind: 'competitor-contact', outcome: text(e.data.outcome) }];
      return [{ ...base, kind: 'survey', satisfaction: Number.isSafeInteger(e.data.satisfaction) ? (e.data.satisfaction as number) : null }];
    });
    await copyRows(tx, table('loyalty_facts'), ['customer_id', 'stream_version', 'at', 'kind', 'referred_customer_id', 'outcome', 'satisfaction'], rows);
  },
};
