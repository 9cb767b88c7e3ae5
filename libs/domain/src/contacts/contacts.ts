import type { CustomerEvent, RegisteredCustomer } from '../customer-stream';
import { commandTypes } from '../shared/decider';
import { erasureBases } from '../erasure/commands';
import { BusinessRuleViolation, ContactErasedError, DuplicateConflict, NotFound } from '../shared/errors';
import { fingerprint, optional } from '../shared/json';
import { emptyKeyed, getKeyed, type Keyed, keyedEntries, setKeyed } from '../shared/keyed';
import { requireDate, requireOneOf, requireText } from '../shared/validation';
import {
  type AddContact,
  type ChangeRelationshipLevel,
  type ContactChanges,
  type ContactCommand,
  type EraseContact,
  contactLevels,
  contactRemovalReasons,
  contactRoles,
  type RelationshipLevel,
  relationshipLevels,
  type UpdateContact,
} from './commands';
import type { ContactAdded, ContactErased, ContactEvent, ContactUpdated } from './events';

export interface ContactState {
  /** Fingerprint of the ContactAdded data, to tell a retried add from a clash of ids; '' once erased (it derives from personal data). */
  readonly added: string;
  readonly reportsTo: string | null;
  readonly removed: boolean;
  /** At their own request: their personal data is shredded and they take no further command. */
  readonly erased: boolean;
  readonly relationshipLevel: RelationshipLevel;
}

export interface ContactsState {
  readonly byId: Keyed<ContactState>;
  /** The relationship with the customer itself rather than with one of its people. */
  readonly relationshipLevel: RelationshipLevel;
}

export const initialContacts: ContactsState = { byId: emptyKeyed(), relationshipLevel: 'stranger' };

export const isContactCommand = commandTypes<ContactCommand>({
  AddContact: true,
  UpdateContact: true,
  RemoveContact: true,
  EraseContact: true,
  ChangeRelationshipLevel: true,
});

/**
 * The contact a command acts on, named by the URL (`/contacts/:contactId`): unknown is 404, erased
 * 410; removed, it takes no more changes.
 */
function requireTargetContact(state: RegisteredCustomer, contactId: string): ContactState {
  const contact = getKeyed(state.contacts.byId, contactId);
  if (!contact) throw new NotFound('contact', contactId);
  if (contact.erased) throw new ContactErasedError(contactId);
  if (contact.removed) throw new BusinessRuleViolation('contact.removed', `Contact ${contactId} was removed.`);
  return contact;
}

/**
 * A contact named in a command's body (`reportsTo`, `contactId`): the route exists, so an
 * unknown or removed one is a field at fault (422), not a missing resource.
 */
export function requireNamedContact(state: RegisteredCustomer, contactId: string, path: string): ContactState {
  const contact = getKeyed(state.contacts.byId, contactId);
  if (!contact) {
    throw new BusinessRuleViolation('contact.unknown', `This customer has no contact ${contactId}.`, path);
  }
  if (contact.erased) {
    throw new BusinessRuleViolation('contact.erased', `Contact ${contactId} was erased; no new fact may name them.`, path);
  }
  if (contact.removed) {
    throw new BusinessRuleViolation('contact.removed', `Contact ${contactId} was removed.`, path);
  }
  return contact;
}

export function decideContacts(command: ContactCommand, state: RegisteredCustomer): ContactEvent[] {
  switch (command.type) {
    case 'AddContact':
      return addContact(command.data, state);
    case 'UpdateContact':
      return [updateContact(command.data, state)];
    case 'RemoveContact': {
      const { contactId, reason } = command.data;
      requireTargetContact(state, contactId);
      requireOneOf(contactRemovalReasons, reason, 'reason');
      const reports = directReports(state.contacts.byId, contactId);
      if (reports.length > 0) {
        throw new BusinessRuleViolation(
          'contact.has_reports',
          `Contact ${contactId} cannot be removed while ${reports.join(', ')} report to it; move them first.`,
        );
      }
      return [{ type: 'ContactRemoved', data: { contactId, reason } }];
    }
    case 'EraseContact':
      return eraseContact(command.data, state);
    case 'ChangeRelationshipLevel':
      return relationshipLevelChanged(command.data, state);
  }
}

/**
 * A removed contact may be erased too (people ask once they have left). One erased already
 * records nothing, whatever the basis: their data is gone, which is what is asked, and a retry
 * whose answer was lost must not fail.
 */
function eraseContact({ contactId, basis }: EraseContact['data'], state: RegisteredCustomer): ContactErased[] {
  const contact = getKeyed(state.contacts.byId, contactId);
  if (!contact) throw new NotFound('contact', contactId);
  requireOneOf(erasureBases, basis, 'basis');
  return contact.erased ? [] : [{ type: 'ContactErased', data: { contactId, basis } }];
}

function addContact(data: AddContact['data'], state: RegisteredCustomer): ContactAdded[] {
  requireText(data.contactId, 'contactId');
  requireText(data.name, 'name');
  requireOneOf(contactLevels, data.level, 'level');
  requireOneOf(contactRoles, data.role, 'role');
  if (data.birthday !== undefined) requireDate(data.birthday, 'birthday');
  const added: ContactAdded = {
    type: 'ContactAdded',
    data: {
      contactId: data.contactId,
      name: data.name,
      ...optional('title', data.title),
      level: data.level,
      role: data.role,
      ...optional('reportsTo', data.reportsTo),
      ...optional('internalChampion', data.internalChampion),
      ...optional('phone', data.phone),
      ...optional('email', data.email),
      ...optional('birthday', data.birthday),
    },
  };
  const existing = getKeyed(state.contacts.byId, data.contactId);
  if (existing) {
    if (existing.erased) throw new ContactErasedError(data.contactId);
    if (existing.added === fingerprint(added.data)) return [];
    throw new DuplicateConflict('contact', data.contactId);
  }
  if (data.reportsTo !== undefined) requireManager(state, data.contactId, data.reportsTo);
  return [added];
}

function updateContact(data: UpdateContact['data'], state: RegisteredCustomer): ContactUpdated {
  const { contactId } = data;
  requireTargetContact(state, contactId);
  const changes: ContactChanges = {
    ...optional('name', data.name),
    ...optional('title', data.title),
    ...optional('level', data.level),
    ...optional('role', data.role),
    ...optional('reportsTo', data.reportsTo),
    ...optional('internalChampion', data.internalChampion),
    ...optional('phone', data.phone),
    ...optional('email', data.email),
    ...optional('birthday', data.birthday),
  };
  if (Object.keys(changes).length === 0) {
    throw new BusinessRuleViolation('contact.empty_update', 'A contact update must change at least one field.');
  }
  if (changes.name !== undefined) requireText(changes.name, 'name');
  if (changes.level !== undefined) requireOneOf(contactLevels, changes.level, 'level');
  if (changes.role !== undefined) requireOneOf(contactRoles, changes.role, 'role');
  if (changes.birthday !== undefined && changes.birthday !== null) requireDate(changes.birthday, 'birthday');
  if (typeof changes.reportsTo === 'string') requireManager(state, contactId, changes.reportsTo);
  return { type: 'ContactUpdated', data: { contactId, ...changes } };
}

/** `reportsTo` names an active contact and does not make the org chart a loop. */
function requireManager(state: RegisteredCustomer, contactId: string, managerId: string): void {
  const cycle = () =>
    new BusinessRuleViolation(
      'contact.reports_to_cycle',
      `Contact ${contactId} cannot report to ${managerId}: the org chart would loop back to ${contactId}.`,
      'reportsTo',
    );
  if (managerId === contactId) throw cycle();
  requireNamedContact(state, managerId, 'reportsTo');
  const seen = new Set<string>();
  for (let above: string | null = managerId; above !== null && !seen.has(above); ) {
    if (above === contactId) throw cycle();
    seen.add(above);
    above = getKeyed(state.contacts.byId, above)?.reportsTo ?? null;
  }
}

function directReports(contacts: Keyed<ContactState>, managerId: string): string[] {
  return [...keyedEntries(contacts)]
    .filter(([, contact]) => !contact.removed && contact.reportsTo === managerId)
    .map(([id]) => id);
}

function relationshipLevelChanged(data: ChangeRelationshipLevel['data'], state: RegisteredCustomer): ContactEvent[] {
  const { level, contactId } = data;
  requireOneOf(relationshipLevels, level, 'level');
  const previousLevel =
    contactId === undefined
      ? state.contacts.relationshipLevel
      : requireNamedContact(state, contactId, 'contactId').relationshipLevel;
  if (level === previousLevel) return [];
  return [{ type: 'RelationshipLevelChanged', data: { level, previousLevel, ...optional('contactId', contactId) } }];
}

export function evolveContacts(contacts: ContactsState, event: CustomerEvent): ContactsState {
  const change = (contactId: string, update: (contact: ContactState) => ContactState): ContactsState => {
    const contact = getKeyed(contacts.byId, contactId);
    return contact ? { ...contacts, byId: setKeyed(contacts.byId, contactId, update(contact)) } : contacts;
  };
  switch (event.type) {
    case 'ContactAdded':
      return {
        ...contacts,
        byId: setKeyed(contacts.byId, event.data.contactId, {
          added: fingerprint(event.data),
          reportsTo: event.data.reportsTo ?? null,
          removed: false,
          erased: false,
          relationshipLevel: 'stranger',
        }),
      };
    case 'ContactUpdated': {
      const { reportsTo } = event.data;
      if (reportsTo === undefined) return contacts;
      return change(event.data.contactId, (contact) => ({ ...contact, reportsTo }));
    }
    case 'ContactRemoved':
      return change(event.data.contactId, (contact) => ({ ...contact, removed: true }));
    case 'ContactErased':
      return change(event.data.contactId, (contact) => ({ ...contact, added: '', erased: true }));
    case 'RelationshipLevelChanged': {
      const { level, contactId } = event.data;
      if (contactId === undefined) return { ...contacts, relationshipLevel: level };
      return change(contactId, (contact) => ({ ...contact, relationshipLevel: level }));
    }
    default:
      return contacts;
  }
}
