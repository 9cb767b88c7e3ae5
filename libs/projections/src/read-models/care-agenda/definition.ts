import { customerOfStream } from '@crm/domain';
import type { RecordedEvent } from '@crm/event-store';
import type { Projection, ProjectionBatch } from '../../projection';
import { copyRows } from '../copy-rows';
import { keepOrDefer, unkeptSchema } from '../deferred-keep';
import { horizonSchema, raiseHorizon } from '../horizon';
import type { CareFact } from './care-facts';
import { keepCareSources } from './keep-care-sources';

/**
 * The care agenda (003: 节假日、生日进行慰问走访; 004: 保持关怀频率): the dates on the profile card
 * and the contacts' birthdays, and the visits planned. Birthdays and names are personal: the
 * customer's erasure deletes its care facts, a contact's erasure that contact's. Visits made are
 * read from the customer directory. Each customer's dates folded from all its facts are kept too,
 * which are its dates at any T past the horizon.
 */
export const careAgenda: Projection = {
  name: 'care_agenda',
  version: 3,
  handles: ['ProfileCardUpdated', 'ContactAdded', 'ContactUpdated', 'ContactRemoved', 'ContactErased', 'VisitPlanned', 'CustomerErased'],
  tables: ['care_facts', 'care_plans', 'care_sources', 'care_horizon', 'care_unkept'],
  defers: true,
  schema: (t) => [
    `create table ${t('care_facts')} (
       customer_id text not null, stream_version integer not null, at timestamptz not null, fact jsonb not null,
       primary key (customer_id, stream_version))`,
    `create table ${t('care_plans')} (
       customer_id text not null, stream_version integer not null, at timestamptz not null, planned_for timestamptz not null,
       primary key (customer_id, stream_version))`,
    `create table ${t('care_sources')} (
       customer_id text not null, ordinal integer not null, kind text not null, label text, date text not null, month_day text not null,
       primary key (customer_id, ordinal))`,
    `create index on ${t('care_sources')} (month_day)`,
    horizonSchema(t('care_horizon')),
    unkeptSchema(t('care_unkept')),
  ],
  async apply({ tx, events, table, more }: ProjectionBatch) {
    const facts: { customer_id: string; stream_version: number; at: string; fact: CareFact }[] = [];
    const plans: { customer_id: string; stream_version: number; at: string; planned_for: string }[] = [];
    const erased: string[] = [];
    const erasedContacts: { customer_id: string; contact_id: string }[] = [];
    for (const e of events) {
      const customerId = customerOfStream(e.streamId);
      if (customerId === undefined) continue;
      if (e.type === 'CustomerErased') erased.push(customerId);
      else if (e.type === 'ContactErased') {
        if (typeof e.data.contactId === 'string') erasedContacts.push({ customer_id: customerId, contact_id: e.data.contactId });
      } else if (e.type === 'VisitPlanned') {
        if (typeof e.data.plannedFor === 'string') plans.push({ customer_id: customerId, stream_version: e.streamVersion, at: e.metadata.occurredAt, planned_for: e.data.plannedFor });
      } else {
        const fact = careFactOf(e);
        if (fact) facts.push({ customer_id: customerId, stream_version: e.streamVersion, at: e.metadata.occurredAt, fact });
      }
    }
    await copyRows(tx, table('care_facts'), ['customer_id', 'stream_version', 'at', 'fact'], facts);
    await copyRows(tx, table('care_plans'), ['customer_id', 'stream_version', 'at', 'planned_for'], plans);
    // After the inserts: a card and the erasure in one batch leave nothing personal.
    if (erased.length > 0) await tx.query(`delete from ${table('care_facts')} where customer_id = any($1::text[])`, [erased]);
    // Every fact of the contact goes, the removal too: a rebuild reads their name and birthday as null, and keeps nothing of them either.
    if (erasedContacts.length > 0) {
      await tx.query(
        `delete from ${table('care_facts')} f using jsonb_to_recordset($1::text::jsonb) as r(customer_id text, contact_id text)
          where f.customer_id = r.customer_id and f.fact->>'kind' = 'contact' and f.fact->>'contactId' = r.contact_id`,
        [JSON.stringify(erasedContacts)],
      );
    }
    // An erasure's at once, so that nothing personal of them waits for the catch-up's end.
    await keepCareSources(tx, table, [...new Set([...erased, ...erasedContacts.map((c) => c.customer_id)])]);
    await keepOrDefer(tx, table('care_unkept'), [...new Set(facts.map((f) => f.customer_id))], more, (ids) => keepCareSources(tx, table, ids));
    await raiseHorizon(tx, table('care_horizon'), events);
  },
};

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** The care-relevant fields of a card or contact event, only those it names; sealed fields read after an erasure are null and left out. */
function careFactOf(e: RecordedEvent): CareFact | undefined {
  const { data } = e;
  if (e.type === 'ProfileCardUpdated') {
    const fact: CareFact = { kind: 'card' };
    if (data.birthday === null || typeof data.birthday === 'string') fact.birthday = data.birthday;
    if (Array.isArray(data.family)) {
      fact.family = data.family.flatMap((m) => {
        const member = m as Record<string, unknown>;
        const relation = text(member.relation);
        const name = text(member.name);
        const birthday = text(member.birthday);
        return relation && name ? [{ relation, name, ...(birthday ? { birthday } : {}) }] : [];
      });
    }
    if (Array.isArray(data.anniversaries)) {
      fact.anniversaries = data.anniversaries.flatMap((a) => {
        const { label, date } = a as Record<string, unknown>;
        return typeof label === 'string' && typeof date === 'string' ? [{ label, date }] : [];
      });
    }
    return fact.birthday === undefined && !fact.family && !fact.anniversaries ? undefined : fact;
  }
  const contactId = text(data.contactId);
  if (!contactId) return undefined;
  if (e.type === 'ContactRemoved') return { kind: 'contact', contactId, removed: true };
  const name = text(data.name);
  const birthday = data.birthday === null ? null : text(data.birthday);
  if (e.type === 'ContactUpdated' && name === undefined && birthday === undefined) return undefined;
  return { kind: 'contact', contactId, ...(name !== undefined ? { name } : {}), ...(birthday !== undefined ? { birthday } : {}) };
}
