import type { DemoCustomer, DemoRequest } from '../dataset';

/**
 * READ-MODELS §2's rules, worked out from the demo's requests rather than from events: the
 * dataset's tests ask what the read models will say of it at the end, without a database.
 */
const DAY = 86_400_000;
const YEAR = 365 * DAY;

export const timeOf = (request: DemoRequest): number => Date.parse(request.body.occurredAt as string);

const levels = ['stranger', 'acquaintance', 'friend', 'confidant'];

/** The lifecycle stage at T, first match wins. */
export function stageAt({ requests }: DemoCustomer, T: number): string {
  const facts = requests.filter((r) => timeOf(r) <= T);
  let qualification: string | null = null;
  let churned = false;
  let partner = false;
  let buys = 0;
  let inYear = 0;
  let last = -Infinity;
  let level = 0;
  let referral = false;
  let nps: number | null = null;
  for (const fact of facts) {
    const at = timeOf(fact);
    if (fact.path === '/qualification') qualification = 'qualified';
    if (fact.path === '/disqualification') qualification = 'disqualified';
    if (fact.path === '/churn') [churned, partner] = [true, false];
    if (fact.path === '/partnership') partner = true;
    if (fact.path === '/purchases') [buys, last, inYear, churned] = [buys + 1, at, inYear + (T - at <= YEAR ? 1 : 0), false];
    if (fact.path === '/relationship-level') level = Math.max(level, levels.indexOf(fact.body.level as string));
    if (fact.path === '/referrals') referral = true;
    if (fact.path === '/surveys' && typeof fact.body.nps === 'number') nps = fact.body.nps;
  }
  const client = buys >= 2 && (inYear >= 4 || level >= 2);
  if (qualification === 'disqualified') return 'disqualified';
  if (churned || (buys > 0 && T - last > YEAR)) return 'lapsed';
  if (partner) return 'partner';
  if (client && (referral || (nps !== null && nps >= 9))) return 'advocate';
  if (client) return 'client';
  if (buys >= 2) return 'repeat-buyer';
  if (buys === 1) return 'first-time-buyer';
  return qualification === 'qualified' ? 'prospect' : 'suspect';
}

/** Per order id: its time, amount, cost and refunds. */
function ordersOf({ requests }: DemoCustomer) {
  const orders = new Map<string, { at: number; amount: number; cost: number; refunded: number }>();
  for (const r of requests) {
    if (r.path === '/purchases') {
      const lines = r.body.lines as { quantity: number; unitPriceMinor: number }[];
      const amount = lines.reduce((sum, l) => sum + l.quantity * l.unitPriceMinor, 0);
      orders.set(r.body.orderId as string, { at: timeOf(r), amount, cost: r.body.costMinor as number, refunded: 0 });
    }
    const refund = /^\/purchases\/([^/]+)\/refunds$/.exec(r.path);
    if (refund) orders.get(refund[1])!.refunded += r.body.amountMinor as number;
  }
  return [...orders.values()];
}

/** Net revenue over the whole dataset (the deciles' default period). */
export const netRevenueOf = (customer: DemoCustomer): number => ordersOf(customer).reduce((sum, o) => sum + o.amount - o.refunded, 0);

/** The tiers at T: trailing-year profit (every order has its cost), key 10%, general up to 40%, overrides win. */
export function tiersAt(customers: readonly DemoCustomer[], T: number): Map<string, string> {
  const population = customers.filter((c) => stageAt(c, T) !== 'disqualified');
  const valued = population.map((customer) => {
    const profit = ordersOf(customer)
      .filter((o) => o.at <= T && T - o.at <= YEAR && o.amount - o.refunded > 0)
      .reduce((sum, o) => {
        const net = o.amount - o.refunded;
        return sum + net - Math.round((o.cost * net) / o.amount);
      }, 0);
    return { customer, profit };
  });
  valued.sort((a, b) => b.profit - a.profit || (a.customer.customerId < b.customer.customerId ? -1 : 1));
  const tiers = new Map<string, string>();
  valued.forEach(({ customer, profit }, rank) => {
    const computed = profit <= 0 ? 'small' : rank < Math.ceil(0.1 * valued.length) ? 'key' : rank < Math.ceil(0.4 * valued.length) ? 'general' : 'small';
    const override = customer.requests.filter((r) => r.path === '/tier-override' && timeOf(r) <= T).at(-1);
    tiers.set(customer.customerId, (override?.body.tier as string | undefined) ?? computed);
  });
  return tiers;
}

/** Each complaint's status at T, with whether it was ever transferred or reopened. */
export function complaintsAt({ requests }: DemoCustomer, T: number): { status: string; transferred: boolean; reopened: boolean }[] {
  const complaints = new Map<string, { status: string; transferred: boolean; reopened: boolean }>();
  for (const r of requests.filter((f) => timeOf(f) <= T)) {
    if (r.path === '/complaints') complaints.set(r.body.complaintId as string, { status: 'filed', transferred: false, reopened: false });
    const step = /^\/complaints\/([^/]+)\/([a-z]+)$/.exec(r.path);
    if (!step) continue;
    const complaint = complaints.get(step[1])!;
    if (step[2] === 'transfer') complaint.transferred = true;
    else if (step[2] === 'reopen') [complaint.status, complaint.reopened] = ['reopened', true];
    else complaint.status = { acknowledge: 'acknowledged', escalate: 'escalated', resolve: 'resolved', close: 'closed' }[step[2]]!;
  }
  return [...complaints.values()];
}

export const isOpen = (status: string): boolean => ['filed', 'acknowledged', 'escalated', 'reopened'].includes(status);
