import type { Referral } from './commands';

export type ReferralMade = { type: 'ReferralMade'; data: Referral };
