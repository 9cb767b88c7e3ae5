import type {
  ChurnReason,
  CreditGrade,
  ErasureBasis,
  ProfileCard,
  Registration,
  Tier,
  TierOverrideReason,
} from './commands';

export type CustomerRegistered = { type: 'CustomerRegistered'; data: Registration };
export type ProfileCardUpdated = { type: 'ProfileCardUpdated'; data: ProfileCard };
export type AccountManagerAssigned = { type: 'AccountManagerAssigned'; data: { managerId: string } };
export type CustomerQualified = {
  type: 'CustomerQualified';
  /** `requalified`: the customer had been disqualified before. */
  data: { requalified: boolean; reason?: string };
};
export type CustomerDisqualified = { type: 'CustomerDisqualified'; data: { reason: string } };
export type TierOverridden = { type: 'TierOverridden'; data: { tier: Tier; reason: TierOverrideReason } };
export type CreditRated = { type: 'CreditRated'; data: { grade: CreditGrade } };
export type StarRated = { type: 'StarRated'; data: { stars: number } };
export type PartnershipEstablished = { type: 'PartnershipEstablished'; data: { agreementRef?: string } };
export type CustomerChurned = {
  type: 'CustomerChurned';
  data: { reason: ChurnReason; competitor?: string; note?: string };
};
/** Carries no personal data: only the legal basis. */
export type CustomerErased = { type: 'CustomerErased'; data: { basis: ErasureBasis } };

export type AccountEvent =
  | CustomerRegistered
  | ProfileCardUpdated
  | AccountManagerAssigned
  | CustomerQualified
  | CustomerDisqualified
  | TierOverridden
  | CreditRated
  | StarRated
  | PartnershipEstablished
  | CustomerChurned
  | CustomerErased;
