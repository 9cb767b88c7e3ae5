export const tiers = ['key', 'general', 'small'] as const;
export type Tier = (typeof tiers)[number];

/** Why a customer is designated by hand, whatever its numbers say (战略及品牌价值, 政府机构影响力). */
export const tierOverrideReasons = ['strategic', 'brand', 'government-influence'] as const;
export type TierOverrideReason = (typeof tierOverrideReasons)[number];

export const creditGrades = ['AAA', 'AA', 'A', 'B', 'C'] as const;
export type CreditGrade = (typeof creditGrades)[number];

export type OverrideTier = { type: 'OverrideTier'; data: { tier: Tier; reason: TierOverrideReason } };
export type RateCredit = { type: 'RateCredit'; data: { grade: CreditGrade } };
export type RateStars = { type: 'RateStars'; data: { stars: number } };

export type RatingCommand = OverrideTier | RateCredit | RateStars;
