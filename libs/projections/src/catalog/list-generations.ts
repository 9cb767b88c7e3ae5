import type { SqlQueryable } from '@crm/event-store';
import { selectGenerations, type Generation } from './generation';

/** The generations that answer or are being built (not the retired ones), by name and generation. */
export function listGenerations(db: SqlQueryable): Promise<Generation[]> {
  return selectGenerations(db, `status <> 'retired'`, []);
}
