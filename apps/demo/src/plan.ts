import type { Tier } from '@crm/domain';
import type { Stage } from '@crm/projections';
import { DAY } from './calendar';
import type { Segment } from './catalogue';
import { customerRandom, type Random } from './random';

/** The dataset's three years, which end at `end`. */
export interface Window {
  start: number;
  end: number;
}

/** 1,096 days: three years with one leap day, so that 2023-01-01 to 2026-01-01 is one. */
export const demoSpan = 1096 * DAY;

/**
 * Where the customer stands at the end (002's ladder, READ-MODELS §2). Churned and dormant are
 * the two ways of being lapsed: churn recorded, or no order for more than a year.
 */
export type Fate = Exclude<Stage, 'lapsed'> | 'churned' | 'dormant';


const fates: Record<Fate, number> = {
  suspect: 5,
  prospect: 5,
  'first-time-buyer': 5,
  'repeat-buyer': 8,
  client: 38,
  advocate: 15,
  partner: 4,
  disqualified: 4,
  churned: 8,
  dormant: 8,
};

/** Registration between these days after the start: long enough before the end for the fate to come true. */
const registrationDays: Record<Fate, [number, number]> = {
  suspect: [200, 1080],
  prospect: [300, 1060],
  'first-time-buyer': [680, 1040],
  'repeat-buyer': [0, 400],
  client: [0, 640],
  advocate: [0, 640],
  partner: [0, 500],
  disqualified: [0, 900],
  churned: [0, 520],
  dormant: [0, 300],
};

/** Standard scores of the top 10% and the top 40% of a normal population. */
const keyScore = 1.2816;
const generalScore = 0.2533;

export interface CustomerPlan {
  index: number;
  customerId: string;
  segment: Segment;
  fate: Fate;
  /**
   * The customer's size as a standard score: yearly revenue is the line's median times
   * exp(σ·scale), lognormal, so a tenth of a line's customers carries 30-50% of its revenue (002).
   */
  scale: number;
  /** Whether the customer ever orders. */
  buyer: boolean;
  careTier: Tier;
  /** A manual key-account designation (TierOverridden), which the visits follow. */
  overriddenToKey: boolean;
  registeredAt: number;
  /** Brings in another customer (ReferralMade): half the advocates, by which they are advocates. */
  refers: boolean;
  /** Brought in by another customer: registered with the source 'referral'. */
  referred: boolean;
  random: Random;
}

export const customerIdOf = (index: number): string => `demo-${String(index + 1).padStart(5, '0')}`;

/** The first customer registers at the very start: a database that holds the demo tells its end by it. */
export function planCustomer(seed: number, index: number, window: Window): CustomerPlan {
  const random = customerRandom(seed, index);
  const segment: Segment = index % 10 < 6 ? 'tobacco-retailer' : index % 10 < 9 ? 'it-dealer' : 'it-vendor';
  const fate = random.weighted(fates);
  // Partners are among the bigger customers (002's 合伙人).
  const scale = fate === 'partner' ? Math.abs(random.normal()) + 0.5 : random.normal();
  const [from, to] = registrationDays[fate];
  const registeredAt = index === 0 ? window.start : window.start + random.int(from, to) * DAY + random.int(1, 10) * 3_600_000;
  // Half the disqualified never bought: found unfit before their first order (不合格者).
  const buyer = fate !== 'suspect' && fate !== 'prospect' && !(fate === 'disqualified' && random.chance(0.5));
  const overriddenToKey = buyer && scale < keyScore && scale >= generalScore && fate !== 'first-time-buyer' && random.chance(0.06);
  return {
    index,
    customerId: customerIdOf(index),
    segment,
    fate,
    scale,
    buyer,
    careTier: overriddenToKey ? 'key' : careTierOf(fate, buyer, scale),
    overriddenToKey,
    registeredAt,
    refers: random.chance(fate === 'advocate' ? 0.5 : fate === 'partner' ? 0.3 : 0),
    referred: false,
    random,
  };
}

/** Customers that never bought are small to the account manager; a first order does not make a key account yet. */
function careTierOf(fate: Fate, buyer: boolean, scale: number): Tier {
  if (!buyer) return 'small';
  const tier = scale >= keyScore ? 'key' : scale >= generalScore ? 'general' : 'small';
  return fate === 'first-time-buyer' && tier === 'key' ? 'general' : tier;
}
