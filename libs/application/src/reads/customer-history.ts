import type { SqlQueryable } from '@crm/event-store';
import { heldHistoryVersion, readCustomerHistory, relationshipHistory, summarize, type HistoryCursor, type HistoryFilter, type StoredHistoryEntry } from '@crm/projections';
import type { CustomerViews } from '../customer-streams';
import { knownCustomerVersion } from './known-customer';
import { awaitVersion } from './read-your-writes';

export type HistoryEntry = Omit<StoredHistoryEntry, 'data'> & { summary: { en: string; zh: string } };

export interface HistoryPage {
  customerId: string;
  asOf: string;
  entries: HistoryEntry[];
  next: HistoryCursor | null;
}

/** A customer's relationship history, read from its projection, each entry with its human summary. */
export class CustomerHistory {
  constructor(
    private readonly views: CustomerViews,
    private readonly db: SqlQueryable,
  ) {}

  async read(filter: HistoryFilter): Promise<HistoryPage> {
    const version = await knownCustomerVersion(this.views, filter.customerId);
    await awaitVersion(this.db, relationshipHistory.name, () => heldHistoryVersion(this.db, filter.customerId), version);
    const { entries, next } = await readCustomerHistory(this.db, filter);
    return {
      customerId: filter.customerId,
      asOf: filter.asOf,
      entries: entries.map(({ data, ...entry }) => ({ ...entry, summary: { en: summarize(entry.type, data, 'en'), zh: summarize(entry.type, data, 'zh') } })),
      next,
    };
  }
}
