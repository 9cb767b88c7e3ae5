import { DAY } from './calendar';
import type { Referral } from './account';
import { demoSpan, planCustomer, type CustomerPlan, type Window } from './plan';
import { customerStory } from './story';
import type { DemoRequest } from './timeline';

export type { DemoRequest } from './timeline';

export interface DemoCustomer {
  customerId: string;
  requests: DemoRequest[];
}

/** The end of the dataset the tests know: three years from 2023-01-01. */
export const defaultDemoEnd = new Date('2026-01-01T00:00:00Z');

/**
 * A realistic, deterministic dataset after the seeds: 颐高's IT vendors and the dealers in its
 * malls, and a tobacco company's retailers; three years up to `end` of visits, calls, care,
 * orders, refunds and complaints, in which every lifecycle stage, tier and open complaint
 * has customers at the end. The same (customers, seed, end) gives the same facts.
 */
export function demoDataset(customers = 2000, seed = 20240501, end: Date = defaultDemoEnd): DemoCustomer[] {
  const window: Window = { start: end.getTime() - demoSpan, end: end.getTime() };
  const plans = Array.from({ length: customers }, (_, index) => planCustomer(seed, index, window));
  const referrals = referralsOf(plans, window);
  return plans.map((plan) => ({ customerId: plan.customerId, requests: customerStory(plan, window, referrals.get(plan)) }));
}

/** The end of the demo whose first customer registered at `registeredAt`: it registers at the start. */
export const demoEndAfter = (registeredAt: Date): Date => new Date(registeredAt.getTime() + demoSpan);

/**
 * Who brings in whom: a referring customer names the next customer that registers a while
 * after it and that nobody referred yet, just before that one registers.
 */
function referralsOf(plans: readonly CustomerPlan[], { end }: Window): Map<CustomerPlan, Referral> {
  const referrals = new Map<CustomerPlan, Referral>();
  for (const plan of plans.filter((p) => p.refers)) {
    const after = plan.registeredAt + 90 * DAY;
    const referred = plans.find((other) => other.index > plan.index && !other.referred && other.registeredAt > after + 7 * DAY);
    if (referred) {
      referred.referred = true;
      referrals.set(plan, { referredCustomerId: referred.customerId, at: referred.registeredAt - plan.random.int(1, 7) * DAY });
    } else if (plans.length > 1) {
      // Nobody registers late enough: the next customer, already ours, was sent to another of our lines.
      const other = plans[(plan.index + 1) % plans.length];
      referrals.set(plan, { referredCustomerId: other.customerId, at: Math.max(after, end - plan.random.int(10, 200) * DAY) });
    }
  }
  return referrals;
}
