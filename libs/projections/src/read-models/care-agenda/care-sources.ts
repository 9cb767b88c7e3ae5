import type { CareDateSource } from './agenda-dates';
import type { StoredCareFact } from './care-facts';

/** A customer's profile card and contacts folded from its care facts: what its care dates come from. */
export interface CareCard {
  birthday: string | null;
  family: { relation: string; name: string; birthday?: string }[];
  anniversaries: { label: string; date: string }[];
  /** In the order they first appear; a removed one stays, marked. */
  contacts: { contactId: string; name: string; birthday: string | null; removed: boolean }[];
}

const emptyCareCard = (): CareCard => ({ birthday: null, family: [], anniversaries: [], contacts: [] });

/**
 * One customer's card and contacts at T: its facts at or before T folded in C1 order (business
 * time, then stream version). A fact names only what it changes: a list replaces the stored one,
 * a null clears.
 */
export function foldCareFacts(facts: readonly StoredCareFact[], T: number): CareCard {
  const card = emptyCareCard();
  const contacts = new Map<string, CareCard['contacts'][number]>();
  const inOrder = facts.filter((f) => f.at <= T).sort((a, b) => a.at - b.at || a.streamVersion - b.streamVersion);
  for (const { fact } of inOrder) {
    if (fact.kind === 'card') {
      if (fact.birthday !== undefined) card.birthday = fact.birthday;
      if (fact.family) card.family = fact.family;
      if (fact.anniversaries) card.anniversaries = fact.anniversaries;
      continue;
    }
    const contact = contacts.get(fact.contactId) ?? { contactId: fact.contactId, name: fact.contactId, birthday: null, removed: false };
    if (fact.name !== undefined) contact.name = fact.name;
    if (fact.birthday !== undefined) contact.birthday = fact.birthday;
    if (fact.removed) contact.removed = true;
    contacts.set(fact.contactId, contact);
  }
  card.contacts = [...contacts.values()];
  return card;
}

/**
 * The dates to care about on a customer's card: the card's own birthday is labelled with the
 * customer's name; a removed contact's birthday is no longer listed.
 */
export function careSourcesOf(customerId: string, customerName: string, card: CareCard): CareDateSource[] {
  const sources: CareDateSource[] = [];
  if (card.birthday) sources.push({ customerId, kind: 'birthday', label: customerName, date: card.birthday });
  for (const member of card.family) {
    if (member.birthday) sources.push({ customerId, kind: 'family-birthday', label: `${member.name} (${member.relation})`, date: member.birthday });
  }
  for (const anniversary of card.anniversaries) sources.push({ customerId, kind: 'anniversary', label: anniversary.label, date: anniversary.date });
  for (const contact of card.contacts) {
    if (contact.birthday && !contact.removed) sources.push({ customerId, kind: 'contact-birthday', label: contact.name, date: contact.birthday });
  }
  return sources;
}
