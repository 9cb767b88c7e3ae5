export const customerKinds = ['organization', 'person'] as const;
export type CustomerKind = (typeof customerKinds)[number];

export const ownerships = ['state', 'foreign', 'private'] as const;
export type Ownership = (typeof ownerships)[number];

export interface Registration {
  customerId: string;
  kind: CustomerKind;
  name: string;
  industry?: string;
  /** Organizations only. */
  ownership?: Ownership;
  region?: string;
  /** Where the customer came from, e.g. a fair or a referral. */
  source?: string;
}

export interface FamilyMember {
  relation: string;
  name: string;
  birthday?: string;
}

export interface Anniversary {
  label: string;
  /** YYYY-MM-DD */
  date: string;
}

export interface ContactDetails {
  phone?: string;
  mobile?: string;
  email?: string;
  wechat?: string;
  address?: string;
}

/**
 * The 客户资料卡: personal facts for care (all PII). An update names only the fields it
 * changes; a list or `contactDetails` given replaces the stored one; `birthday: null` clears it.
 */
export interface ProfileCard {
  /** YYYY-MM-DD */
  birthday?: string | null;
  hobbies?: string[];
  family?: FamilyMember[];
  socialGroups?: string[];
  preferences?: string[];
  anniversaries?: Anniversary[];
  contactDetails?: ContactDetails;
}

export type RegisterCustomer = { type: 'RegisterCustomer'; data: Registration };
export type UpdateProfileCard = { type: 'UpdateProfileCard'; data: ProfileCard };
export type AssignAccountManager = { type: 'AssignAccountManager'; data: { managerId: string } };
/** `reason` is required to requalify a disqualified customer. */
export type QualifyCustomer = { type: 'QualifyCustomer'; data: { reason?: string } };
export type DisqualifyCustomer = { type: 'DisqualifyCustomer'; data: { reason: string } };

/** Commands on the customer's card (资料卡, account manager, qualification), after registration. */
export type CustomerCardCommand = UpdateProfileCard | AssignAccountManager | QualifyCustomer | DisqualifyCustomer;
