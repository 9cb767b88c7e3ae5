import type { CareDateSource } from './agenda-dates';
import type { StoredCareFact } from './care-facts';

interface Card {
  birthday: string | null;
  family: { relation: string; name: string; birthday?: string }[];
  anniversaries: { label: string; date: string }[];
}

/**
 * The dates to care about of one customer at T: its card and contacts folded from the facts at
 * or before T in C1 order (business time, then stream version). The card's own birthday is
 * labelled with the customer's name; a removed contact's birthday is no longer listed.
 */
export function careSourcesOf(customerId: string, customerName: string, facts: readonly StoredCareFact[], T: number): CareDateSource[] {
  const card: Card = { birthday: null, family: [], anniversaries: [] };
  const contacts = new Map<string, { name: string; birthday: string | null; removed: boolean }>();
  const inOrder = facts.filter((f) => f.at <= T).sort((a, b) => a.at - b.at || a.streamVersion - b.streamVersion);
  for (const { fact } of inOrder) {
    if (fact.kind === 'card') {
      if (fact.birthday !== undefined) card.birthday = fact.birthday;
      if (fact.family) card.family = fact.family;
      if (fact.anniversaries) card.anniversaries = fact.anniversaries;
      continue;
    }
    const contact = contacts.get(fact.contactId) ?? { name: fact.contactId, birthday: null, removed: false };
    if (fact.name !== undefined) contact.name = fact.name;
    if (fact.birthday !== undefined) contact.birthday = fact.birthday;
    if (fact.removed) contact.removed = true;
    contacts.set(fact.contactId, contact);
  }
  const sources: CareDateSource[] = [];
  if (card.birthday) sources.push({ customerId, kind: 'birthday', label: customerName, date: card.birthday });
  for (const member of card.family) {
    if (member.birthday) sources.push({ customerId, kind: 'family-birthday', label: `${member.name} (${member.relation})`, date: member.birthday });
  }
  for (const anniversary of card.anniversaries) sources.push({ customerId, kind: 'anniversary', label: anniversary.label, date: anniversary.date });
  for (const contact of contacts.values()) {
    if (contact.birthday && !contact.removed) sources.push({ customerId, kind: 'contact-birthday', label: contact.name, date: contact.birthday });
  }
  return sources;
}
