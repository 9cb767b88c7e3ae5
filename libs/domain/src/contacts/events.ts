import type { ErasureBasis } from '../erasure/commands';
import type { Contact, ContactChanges, ContactRemovalReason, RelationshipLevel } from './commands';

export type ContactAdded = { type: 'ContactAdded'; data: Contact };
export type ContactUpdated = { type: 'ContactUpdated'; data: { contactId: string } & ContactChanges };
export type ContactRemoved = { type: 'ContactRemoved'; data: { contactId: string; reason: ContactRemovalReason } };
/** Carries no personal data: it shreds the contact's own key, and with it their personal fields in every event of the stream. */
export type ContactErased = { type: 'ContactErased'; data: { contactId: string; basis: ErasureBasis } };
export type RelationshipLevelChanged = {
  type: 'RelationshipLevelChanged';
  data: { level: RelationshipLevel; previousLevel: RelationshipLevel; contactId?: string };
};

export type ContactEvent = ContactAdded | ContactUpdated | ContactRemoved | ContactErased | RelationshipLevelChanged;
