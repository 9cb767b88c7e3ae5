import type { CreditGrade, Tier, TierOverrideReason } from './commands';

export type TierOverridden = { type: 'TierOverridden'; data: { tier: Tier; reason: TierOverrideReason } };
export type CreditRated = { type: 'CreditRated'; data: { grade: CreditGrade } };
export type StarRated = { type: 'StarRated'; data: { stars: number } };

export type RatingEvent = TierOverridden | CreditRated | StarRated;
