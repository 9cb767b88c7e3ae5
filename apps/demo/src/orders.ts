import { DAY, duringWorkHours } from './calendar';
import type { Offer } from './catalogue';
import type { Random } from './random';
import type { Story } from './story';

/** σ of the lognormal yearly revenue: a tenth of a line's customers carries 30-50% of its revenue (002). */
export const revenueSpread = 0.9;

/**
 * Orders from the first to `ordersUntil`. A bigger customer orders more often and more at a
 * time; a repeat buyer orders two or three times a year, too seldom to be a client.
 */
export function tellOrders({ plan, profile, random, life, timeline }: Story): void {
  if (life.firstOrderAt === null) return;
  const yearlyMinor = profile.medianYearlyRevenueMinor * Math.exp(revenueSpread * plan.scale);
  // At most 70 days apart (87.5 with the jitter): an ordering customer has 4 orders within any year.
  const everyDays = plan.fate === 'repeat-buyer' ? 160 : Math.min(70, Math.max(7, profile.orderEveryDays * Math.exp(-0.3 * revenueSpread * plan.scale)));
  let order = 0;
  for (let at = life.firstOrderAt; at <= life.ordersUntil; ) {
    const orderId = `SO-${plan.customerId}-${++order}`;
    const lines = linesFor(random, profile.offers, (yearlyMinor * everyDays * random.between(0.8, 1.2)) / 365);
    const amountMinor = lines.reduce((sum, l) => sum + l.quantity * l.offer.priceMinor, 0);
    timeline.add(at, '/purchases', {
      orderId,
      currency: 'CNY',
      lines: lines.map(({ offer, quantity }) => ({ sku: offer.sku, category: offer.category, quantity, unitPriceMinor: offer.priceMinor })),
      costMinor: Math.round(lines.reduce((sum, l) => sum + l.quantity * l.offer.priceMinor * l.offer.costRate, 0)),
    });
    if (random.chance(0.03)) {
      timeline.add(duringWorkHours(random, at + random.int(1, 12) * DAY), `/purchases/${orderId}/refunds`, {
        refundId: `RF-${order}`,
        amountMinor: Math.max(1, Math.round(amountMinor * random.between(0.05, 0.3))),
        currency: 'CNY',
        reason: random.pick(profile.refundReasons),
      });
    }
    if (plan.fate === 'first-time-buyer') break;
    const gapDays = plan.fate === 'repeat-buyer' ? random.int(125, 200) : everyDays * random.between(0.75, 1.25);
    at = duringWorkHours(random, at + gapDays * DAY);
  }
}

/** One to three of the line's offers, each worth about its share of the order. */
function linesFor(random: Random, offers: readonly Offer[], targetMinor: number): { offer: Offer; quantity: number }[] {
  const weights = Array.from({ length: random.int(1, 3) }, () => random.between(0.5, 1.5));
  const total = weights.reduce((sum, w) => sum + w, 0);
  const chosen = new Set<Offer>();
  return weights.map((weight) => {
    const shareMinor = (targetMinor * weight) / total;
    const open = offers.filter((o) => !chosen.has(o));
    const affordable = open.filter((o) => o.priceMinor <= shareMinor * 1.25);
    const offer = affordable.length > 0 ? random.pick(affordable) : open.reduce((a, b) => (b.priceMinor < a.priceMinor ? b : a));
    chosen.add(offer);
    return { offer, quantity: Math.max(1, Math.round(shareMinor / offer.priceMinor)) };
  });
}
