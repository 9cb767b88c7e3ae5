import type { RegisteredCustomer } from '../customer-stream';
import { commandTypes } from '../shared/decider';
import { requireOneOf, requireWholeNumber } from '../shared/validation';
import { creditGrades, type RatingCommand, tierOverrideReasons, tiers } from './commands';
import type { RatingEvent } from './events';

export const isRatingCommand = commandTypes<RatingCommand>({ OverrideTier: true, RateCredit: true, RateStars: true });

/** An override that stands already records nothing (the account keeps it); credit and stars are recorded on every review. */
export function decideRatings(command: RatingCommand, state: RegisteredCustomer): RatingEvent[] {
  switch (command.type) {
    case 'OverrideTier': {
      const { tier, reason } = command.data;
      requireOneOf(tiers, tier, 'tier');
      requireOneOf(tierOverrideReasons, reason, 'reason');
      const { tierOverride } = state.account;
      const unchanged = tierOverride?.tier === tier && tierOverride.reason === reason;
      return unchanged ? [] : [{ type: 'TierOverridden', data: { tier, reason } }];
    }
    case 'RateCredit':
      requireOneOf(creditGrades, command.data.grade, 'grade');
      return [{ type: 'CreditRated', data: { grade: command.data.grade } }];
    case 'RateStars':
      requireWholeNumber(command.data.stars, 'stars', { min: 1, max: 5 });
      return [{ type: 'StarRated', data: { stars: command.data.stars } }];
  }
}
