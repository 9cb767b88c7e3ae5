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

export interface ComplianceViolation {
  kind: ComplianceViolationKind;
  description: string;
  penalty?: Penalty;
}

export type RecordComplianceViolation = { type: 'RecordComplianceViolation'; data: ComplianceViolation };
