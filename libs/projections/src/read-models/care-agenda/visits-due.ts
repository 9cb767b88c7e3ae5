/**
 * Visits due and no-contact alerts (004: 保持关怀频率): key accounts are visited most often.
 * A visit is due a tier's cadence after the last visit or meeting (else the registration);
 * the alert fires when no interaction of any channel (else the registration) happened for
 * more than twice the cadence. Pure functions of (facts, T, settings): instants are epoch ms,
 * a day is 86,400,000 ms (C1), and facts count only when they happened at or before T.
 */
import type { InteractionChannel, Tier } from '@crm/domain';
import { DAY_MS } from '../value/rfm';

/** Days between care visits per tier (the setting `defaultCareCadenceDays`). */
export type CareCadenceDays = Readonly<Record<Tier, number>>;

export const defaultCareCadenceDays: CareCadenceDays = { key: 7, general: 28, small: 56 };

/** The defaults with some tiers overridden; a misconfiguration fails at start-up. */
export function careCadencePolicy(overrides: Partial<CareCadenceDays> = {}): CareCadenceDays {
  const policy = { ...defaultCareCadenceDays, ...overrides };
  for (const [tier, days] of Object.entries(policy)) {
    if (!Number.isFinite(days) || days <= 0) {
      throw new RangeError(`The care cadence for ${tier} customers must be a positive number of days, not ${days}.`);
    }
  }
  return policy;
}

/** One customer's care facts: the tier is the tier read model's answer at T. */
export interface CareCustomer {
  readonly customerId: string;
  readonly tier: Tier;
  readonly registeredAt: number;
  /** InteractionRecorded: business time and channel. */
  readonly interactions: readonly { readonly at: number; readonly channel: InteractionChannel }[];
  /** VisitPlanned: when the plan was made (`at`) and the instant planned for. */
  readonly plannedVisits: readonly { readonly at: number; readonly plannedFor: number }[];
}

export interface VisitDue {
  readonly customerId: string;
  readonly tier: Tier;
  /** The last visit or meeting at or before T, else the registration. */
  readonly lastContactAt: number;
  /** lastContactAt + the tier's cadence. */
  readonly dueAt: number;
  /** When dueAt <= T: floor((T - dueAt) / 1 day), 0 when due earlier today; else null. */
  readonly overdueDays: number | null;
  /** When dueAt > T: ceil((dueAt - T) / 1 day), so 1..days for a listed visit; else null. */
  readonly daysUntil: number | null;
  /** The earliest planned visit strictly after T, planned at or before T; null when none. */
  readonly nextPlannedVisit: number | null;
}

export interface NoContactAlert {
  readonly customerId: string;
  readonly tier: Tier;
  /** The last interaction of any channel at or before T, else the registration. */
  readonly lastInteractionAt: number;
  /** floor((T - lastInteractionAt) / 1 day). */
  readonly daysSince: number;
}

const visitChannels: readonly InteractionChannel[] = ['visit', 'meeting'];

/** The latest instant, or the fallback when there is none (no spread: lists may be long). */
const latest = (instants: readonly number[], fallback: number): number =>
  instants.length === 0 ? fallback : instants.reduce((max, at) => (at > max ? at : max));

const earliest = (instants: readonly number[]): number | null =>
  instants.length === 0 ? null : instants.reduce((min, at) => (at < min ? at : min));

const codeUnitOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Customers registered after T are not in the population (C2); the caller leaves out erased ones. */
const registeredBy = (T: number) => (customer: CareCustomer) => customer.registeredAt <= T;

/**
 * Visits due by T + days (inclusive: due exactly at T + days is listed), overdue ones
 * included however long ago; sorted by dueAt, then customerId.
 */
export function visitsDue(
  customers: readonly CareCustomer[],
  T: number,
  days = 30,
  cadenceDays: CareCadenceDays = defaultCareCadenceDays,
): VisitDue[] {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`days must be a whole number >= 0, not ${days}`);
  const horizon = T + days * DAY_MS;
  const due = customers.filter(registeredBy(T)).flatMap((customer): VisitDue[] => {
    const visits = customer.interactions.filter((i) => i.at <= T && visitChannels.includes(i.channel));
    const lastContactAt = latest(
      visits.map((visit) => visit.at),
      customer.registeredAt,
    );
    const dueAt = lastContactAt + cadenceDays[customer.tier] * DAY_MS;
    if (dueAt > horizon) return [];
    const planned = customer.plannedVisits.filter((plan) => plan.at <= T && plan.plannedFor > T);
    const nextPlannedVisit = earliest(planned.map((plan) => plan.plannedFor));
    return [
      {
        customerId: customer.customerId,
        tier: customer.tier,
        lastContactAt,
        dueAt,
        overdueDays: dueAt <= T ? Math.floor((T - dueAt) / DAY_MS) : null,
        daysUntil: dueAt > T ? Math.ceil((dueAt - T) / DAY_MS) : null,
        nextPlannedVisit,
      },
    ];
  });
  return due.sort((a, b) => a.dueAt - b.dueAt || codeUnitOrder(a.customerId, b.customerId));
}

/**
 * Customers not contacted for more than twice their cadence: T - last > 2 × cadence days,
 * strictly, so exactly twice the cadence is not yet an alert. Sorted by the longest silence
 * first (lastInteractionAt ascending), then customerId.
 */
export function noContactAlerts(
  customers: readonly CareCustomer[],
  T: number,
  cadenceDays: CareCadenceDays = defaultCareCadenceDays,
): NoContactAlert[] {
  const alerts = customers.filter(registeredBy(T)).flatMap((customer): NoContactAlert[] => {
    const lastInteractionAt = latest(
      customer.interactions.filter((i) => i.at <= T).map((i) => i.at),
      customer.registeredAt,
    );
    if (T - lastInteractionAt <= 2 * cadenceDays[customer.tier] * DAY_MS) return [];
    return [
      {
        customerId: customer.customerId,
        tier: customer.tier,
        lastInteractionAt,
        daysSince: Math.floor((T - lastInteractionAt) / DAY_MS),
      },
    ];
  });
  return alerts.sort(
    (a, b) => a.lastInteractionAt - b.lastInteractionAt || codeUnitOrder(a.customerId, b.customerId),
  );
}
