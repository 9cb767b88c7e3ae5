import type { Contact, ContactChanges, ContactRemovalReason, RelationshipLevel } from './commands';

export type ContactAdded = { type: 'ContactAdded'; data: Contact };
export type ContactUpdated = { type: 'ContactUpdated'; data: { contactId: string } & ContactChanges };
export type ContactRemoved = { type: 'ContactRemoved'; data: { contactId: string; reason: ContactRemovalReason } };
export type RelationshipLevelChanged = {
  type: 'RelationshipLevelChanged';
  data: { level: RelationshipLevel; previousLevel: RelationshipLevel; contactId?: string };
};

export type ContactEvent = ContactAdded | ContactUpdated | ContactRemoved | RelationshipLevelChanged;
