import type { Contact, ContactLevel, ContactRemovalReason, ContactRole, RelationshipLevel } from '../contacts/commands';
import type { ErasureBasis } from '../erasure/commands';
import type { ContactEvent } from '../contacts/events';
import type { RegisteredCustomerView } from './customer-view';
import { erasable, updated } from './updates';

/** A person inside the customer's organization; name, title, phone, email and birthday are personal data. */
export interface ContactView {
  readonly contactId: string;
  readonly name: string | null;
  readonly title: string | null;
  readonly level: ContactLevel;
  readonly role: ContactRole;
  /** Null at the top of the org chart. */
  readonly reportsTo: string | null;
  readonly internalChampion: boolean;
  readonly phone: string | null;
  readonly email: string | null;
  /** YYYY-MM-DD */
  readonly birthday: string | null;
  readonly relationshipLevel: RelationshipLevel;
  readonly addedAt: string;
  /** A removed contact stays in the list, so that the history it appears in still names someone. */
  readonly removed: { readonly reason: ContactRemovalReason; readonly at: string } | null;
  /** Erased at their own request: they stay in the list and the org chart, with every personal field null. */
  readonly erased: { readonly basis: ErasureBasis; readonly at: string } | null;
}

export function evolveContactsView(
  view: RegisteredCustomerView,
  event: ContactEvent,
  at: string,
): RegisteredCustomerView {
  switch (event.type) {
    case 'ContactAdded':
      return { ...view, contacts: [...view.contacts, contactView(event.data, at)] };
    case 'ContactUpdated': {
      const { contactId, ...changes } = event.data;
      return changeContact(view, contactId, (contact) => ({
        ...contact,
        name: updated(changes.name, contact.name),
        title: updated(changes.title, contact.title),
        level: updated(changes.level, contact.level),
        role: updated(changes.role, contact.role),
        reportsTo: updated(changes.reportsTo, contact.reportsTo),
        internalChampion: updated(changes.internalChampion, contact.internalChampion),
        phone: updated(changes.phone, contact.phone),
        email: updated(changes.email, contact.email),
        birthday: updated(changes.birthday, contact.birthday),
      }));
    }
    case 'ContactRemoved':
      return changeContact(view, event.data.contactId, (contact) => ({
        ...contact,
        removed: { reason: event.data.reason, at },
      }));
    case 'ContactErased':
      // The stored events read these as null from now on; the view already folded them.
      return changeContact(view, event.data.contactId, (contact) => ({
        ...contact,
        name: null,
        title: null,
        phone: null,
        email: null,
        birthday: null,
        erased: { basis: event.data.basis, at },
      }));
    case 'RelationshipLevelChanged': {
      const { level, contactId } = event.data;
      if (contactId === undefined) return { ...view, relationshipLevel: level };
      return changeContact(view, contactId, (contact) => ({ ...contact, relationshipLevel: level }));
    }
  }
}

function contactView(contact: Contact, at: string): ContactView {
  return {
    contactId: contact.contactId,
    name: erasable(contact.name),
    title: erasable(contact.title),
    level: contact.level,
    role: contact.role,
    reportsTo: contact.reportsTo ?? null,
    internalChampion: contact.internalChampion ?? false,
    phone: erasable(contact.phone),
    email: erasable(contact.email),
    birthday: erasable(contact.birthday),
    relationshipLevel: 'stranger',
    addedAt: at,
    removed: null,
    erased: null,
  };
}

function changeContact(
  view: RegisteredCustomerView,
  contactId: string,
  change: (contact: ContactView) => ContactView,
): RegisteredCustomerView {
  const index = view.contacts.findIndex((contact) => contact.contactId === contactId);
  return index === -1 ? view : { ...view, contacts: view.contacts.with(index, change(view.contacts[index])) };
}
