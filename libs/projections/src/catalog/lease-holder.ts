import type { SqlQueryable } from '@crm/event-store';
import { projectionLeases } from './leases';

/** The process applying a projection now (its lease not run out), or null when none does. */
export function leaseHolder(db: SqlQueryable, name: string): Promise<string | null> {
  return projectionLeases.holder(db, name);
}
