import type { CompetitorContact, ComplianceViolation, Referral } from './commands';

export type ReferralMade = { type: 'ReferralMade'; data: Referral };
export type CompetitorContactObserved = { type: 'CompetitorContactObserved'; data: CompetitorContact };
export type ComplianceViolationRecorded = { type: 'ComplianceViolationRecorded'; data: ComplianceViolation };

export type MarketEvent = ReferralMade | CompetitorContactObserved | ComplianceViolationRecorded;
