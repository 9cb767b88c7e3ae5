export const competitorContactOutcomes = ['resisted', 'partially-switched', 'switched'] as const;
export type CompetitorContactOutcome = (typeof competitorContactOutcomes)[number];

/** 窜货 and the tobacco trade's 假私非超 (counterfeit, smuggled, off-channel, over quota). */
export const complianceViolationKinds = [
  'cross-region-diversion',
  'counterfeit',
  'smuggled',
  'off-channel-supply',
  'over-quota',
  'price-violation',
  'other',
] as const;
export type ComplianceViolationKind = (typeof complianceViolationKinds)[number];

export const penaltyKinds = ['warning', 'fine', 'supply-suspension', 'license-revocation'] as const;
export type PenaltyKind = (typeof penaltyKinds)[number];

/** A fine has an amount (minor units) and currency; a supply suspension has its length in days. */
export interface Penalty {
  kind: PenaltyKind;
  amountMinor?: number;
  currency?: string;
  days?: number;
}

export interface Referral {
  /** Another customer, brought in by this one. */
  referredCustomerId: string;
  note?: string;
}

export interface CompetitorContact {
  competitor: string;
  offer?: string;
  outcome: CompetitorContactOutcome;
  /** Whom the competitor approached. */
  contactId?: string;
}

export interface ComplianceViolation {
  kind: ComplianceViolationKind;
  description: string;
  penalty?: Penalty;
}

/** Referring the same customer again records nothing: a referral is counted once. */
export type RecordReferral = { type: 'RecordReferral'; data: Referral };
export type RecordCompetitorContact = { type: 'RecordCompetitorContact'; data: CompetitorContact };
export type RecordComplianceViolation = { type: 'RecordComplianceViolation'; data: ComplianceViolation };

export type MarketCommand = RecordReferral | RecordCompetitorContact | RecordComplianceViolation;
