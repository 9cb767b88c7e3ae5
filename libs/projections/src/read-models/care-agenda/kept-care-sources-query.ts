import type { SqlQueryable } from '@crm/event-store';
import { viewName } from '../../projection';
import { pastHorizon } from '../horizon';
import type { CareDateKind } from './agenda-dates';

/** A kept care date; `label` null for the customer's own birthday (its name is the directory's). */
export interface KeptCareSource {
  customerId: string;
  kind: CareDateKind;
  label: string | null;
  date: string;
}

/**
 * The kept care dates whose month-day is one of those given (all: null), of every customer or
 * of one, for a T past the horizon (every fact held happened by then); undefined before it.
 * In each customer's order, customers by id.
 */
export async function readKeptCareSources(db: SqlQueryable, asOf: string, monthDays: readonly string[] | null, customerId?: string): Promise<KeptCareSource[] | undefined> {
  // One row (with no customer) when T is before the horizon or nothing is found: the check and the rows in one snapshot.
  const rows = await db.query<{ past: boolean; customer_id: string | null; kind: CareDateKind; label: string | null; date: string }>(
    `with past as (select ${pastHorizon(viewName('care_horizon'), '$1', viewName('care_unkept'))} as yes)
     select past.yes as past, s.customer_id, s.kind, s.label, s.date
       from past left join ${viewName('care_sources')} s
         on past.yes and ($2::text[] is null or s.month_day = any($2::text[])) and ($3::text is null or s.customer_id = $3)
      order by s.customer_id, s.ordinal`,
    [asOf, monthDays, customerId ?? null],
  );
  if (!rows[0].past) return undefined;
  return rows.flatMap((r) => (r.customer_id === null ? [] : [{ customerId: r.customer_id, kind: r.kind, label: r.label, date: r.date }]));
}
