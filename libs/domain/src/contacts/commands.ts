import type { ErasureBasis } from '../erasure/commands';

export const contactLevels = ['executive', 'middle', 'staff'] as const;
export type ContactLevel = (typeof contactLevels)[number];

export const contactRoles = ['decision-maker', 'influencer', 'user', 'technical'] as const;
export type ContactRole = (typeof contactRoles)[number];

/** 过客/熟人/朋友/知己: how close the relationship is, from the seeds' four levels. */
export const relationshipLevels = ['stranger', 'acquaintance', 'friend', 'confidant'] as const;
export type RelationshipLevel = (typeof relationshipLevels)[number];

export const contactRemovalReasons = ['left-company', 'changed-role', 'duplicate', 'other'] as const;
export type ContactRemovalReason = (typeof contactRemovalReasons)[number];

/** A person inside the customer's organization (name, title, phone, email and birthday are PII). */
export interface Contact {
  contactId: string;
  name: string;
  title?: string;
  level: ContactLevel;
  role: ContactRole;
  /** Another contact of the same customer; absent at the top of the org chart. */
  reportsTo?: string;
  /** 内线: an insider who champions us. */
  internalChampion?: boolean;
  phone?: string;
  email?: string;
  /** YYYY-MM-DD, for birthday care (生日慰问). */
  birthday?: string;
}

/**
 * Names only what changes; `reportsTo: null` moves the contact to the top of the org chart and
 * `birthday: null` clears the birthday, as on the profile card.
 */
export type ContactChanges = Partial<Omit<Contact, 'contactId' | 'reportsTo' | 'birthday'>> & {
  reportsTo?: string | null;
  birthday?: string | null;
};

export type AddContact = { type: 'AddContact'; data: Contact };
export type UpdateContact = { type: 'UpdateContact'; data: { contactId: string } & ContactChanges };
export type RemoveContact = { type: 'RemoveContact'; data: { contactId: string; reason: ContactRemovalReason } };
/**
 * A contact person's own erasure request (GDPR, PIPL): their personal data across the customer's
 * stream goes, the customer and the rest of its data stay. `basis` is the legal ground, as for the
 * customer's erasure.
 */
export type EraseContact = { type: 'EraseContact'; data: { contactId: string; basis: ErasureBasis } };
/** Without `contactId`, the level is the customer's own (a person, or the account as a whole). */
export type ChangeRelationshipLevel = {
  type: 'ChangeRelationshipLevel';
  data: { level: RelationshipLevel; contactId?: string };
};

export type ContactCommand = AddContact | UpdateContact | RemoveContact | EraseContact | ChangeRelationshipLevel;
