import type { EventStore, SqlQueryable } from '@crm/event-store';
import { auditTrail, readAuditTrail, type AuditEntry, type AuditFilter } from '@crm/projections';
import { awaitProjections } from './read-your-writes';

export interface AuditPage {
  entries: AuditEntry[];
  /** The position the next page starts after; null on the last page. */
  next: number | null;
}

/** Who did what: the events an actor (or anybody) recorded in a window of recording times, from the audit trail. */
export class AuditTrailReads {
  constructor(
    private readonly store: EventStore,
    private readonly db: SqlQueryable,
  ) {}

  async read(filter: AuditFilter): Promise<AuditPage> {
    // Every event recorded before the read began is in the answer: the trail is awaited up to the head of $all.
    await awaitProjections(this.db, this.store, auditTrail.name);
    return readAuditTrail(this.db, filter);
  }
}
