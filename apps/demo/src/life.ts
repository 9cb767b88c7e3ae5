import { DAY, HOUR, duringWorkHours } from './calendar';
import type { CustomerPlan, Window } from './plan';

/** The instants that shape a customer's story, drawn so that its fate comes true at the end. */
export interface Life {
  onboardedAt: number;
  qualifiedAt: number | null;
  firstOrderAt: number | null;
  /** The last instant an order may come: the churn, the disqualification, going quiet, or the end. */
  ordersUntil: number;
  /** Visits and calls stop a few weeks after a churn (win-back tries), and at a disqualification. */
  contactUntil: number;
  churnedAt: number | null;
  disqualifiedAt: number | null;
  partnershipAt: number | null;
}

export function lifeOf(plan: CustomerPlan, { end }: Window): Life {
  const { random, fate } = plan;
  const daysBeforeEnd = (min: number, max: number) => duringWorkHours(random, end - random.int(min, max) * DAY);
  const onboardedAt = plan.registeredAt + random.int(0, 2) * DAY + random.int(1, 6) * HOUR;
  const qualifiedAt = fate === 'suspect' || (fate === 'disqualified' && !plan.buyer) ? null : duringWorkHours(random, onboardedAt + random.int(3, 25) * DAY);
  let firstOrderAt: number | null = null;
  if (plan.buyer) {
    // A first-time buyer's only order and a repeat buyer's first one fall within the last year or two.
    if (fate === 'first-time-buyer') firstOrderAt = Math.max(qualifiedAt! + 5 * DAY, daysBeforeEnd(5, 330));
    else if (fate === 'repeat-buyer') firstOrderAt = Math.max(qualifiedAt! + 3 * DAY, daysBeforeEnd(260, 650));
    else firstOrderAt = duringWorkHours(random, qualifiedAt! + random.int(3, 40) * DAY);
  }
  const churnedAt = fate === 'churned' ? Math.max(firstOrderAt! + 90 * DAY, daysBeforeEnd(15, 560)) : null;
  const disqualifiedAt =
    fate === 'disqualified' ? Math.min(end - 2 * DAY, (firstOrderAt ?? onboardedAt) + random.int(firstOrderAt ? 60 : 20, 400) * DAY) : null;
  // Dormant: no order for more than a year, so lapsed without a churn recorded.
  const quietFrom = fate === 'dormant' ? Math.min(end - 370 * DAY, Math.max(firstOrderAt! + 90 * DAY, daysBeforeEnd(380, 640))) : null;
  return {
    onboardedAt,
    qualifiedAt,
    firstOrderAt,
    ordersUntil: churnedAt ?? disqualifiedAt ?? quietFrom ?? end,
    contactUntil: churnedAt !== null ? Math.min(end, churnedAt + random.int(5, 30) * DAY) : (disqualifiedAt ?? end),
    churnedAt,
    disqualifiedAt,
    partnershipAt: fate === 'partner' ? Math.min(firstOrderAt! + random.int(150, 450) * DAY, daysBeforeEnd(5, 120)) : null,
  };
}
