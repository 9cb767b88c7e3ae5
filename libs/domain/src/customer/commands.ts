export const customerKinds = ['organization', 'person'] as const;
export type CustomerKind = (typeof customerKinds)[number];

export const ownerships = ['state', 'foreign', 'private'] as const;
export type Ownership = (typeof ownerships)[number];

export const tiers = ['key', 'general', 'small'] as const;
export type Tier = (typeof tiers)[number];

/** Why a customer is designated by hand, whatever its numbers say (战略及品牌价值, 政府机构影响力). */
export const tierOverrideReasons = ['strategic', 'brand', 'government-influence'] as const;
export type TierOverrideReason = (typeof tierOverrideReasons)[number];

export const creditGrades = ['AAA', 'AA', 'A', 'B', 'C'] as const;
export type CreditGrade = (typeof creditGrades)[number];

export const churnReasons = [
  'price',
  'quality',
  'service',
  'competitor',
  'relocation',
  'business-closed',
  'other',
] as const;
export type ChurnReason = (typeof churnReasons)[number];

export const erasureBases = ['data-subject-request', 'retention-period-ended', 'legal-obligation'] as const;
export type ErasureBasis = (typeof erasureBases)[number];

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
export type OverrideTier = { type: 'OverrideTier'; data: { tier: Tier; reason: TierOverrideReason } };
export type RateCredit = { type: 'RateCredit'; data: { grade: CreditGrade } };
export type RateStars = { type: 'RateStars'; data: { stars: number } };
export type EstablishPartnership = { type: 'EstablishPartnership'; data: { agreementRef?: string } };
export type RecordChurn = {
  type: 'RecordChurn';
  data: { reason: ChurnReason; competitor?: string; note?: string };
};
export type EraseCustomer = { type: 'EraseCustomer'; data: { basis: ErasureBasis } };

/** Commands on the customer account itself, after registration. */
export type AccountCommand =
  | UpdateProfileCard
  | AssignAccountManager
  | QualifyCustomer
  | DisqualifyCustomer
  | OverrideTier
  | RateCredit
  | RateStars
  | EstablishPartnership
  | RecordChurn
  | EraseCustomer;
