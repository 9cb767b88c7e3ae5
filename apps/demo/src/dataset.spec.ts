import { defaultDemoEnd, demoDataset, demoEndAfter, type DemoCustomer } from './dataset';
import { complaintsAt, isOpen, netRevenueOf, stageAt, tiersAt, timeOf } from './testing/read-rules';

const DAY = 86_400_000;
const end = defaultDemoEnd.getTime();
const start = Date.parse('2023-01-01T00:00:00Z');

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  return sorted.length % 2 === 1 ? sorted[Math.floor(middle)] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const industryOf = (customer: DemoCustomer) => customer.requests[0].body.industry as string;
const nameOf = (customer: DemoCustomer) => customer.requests[0].body.name as string;

describe('the demo dataset', () => {
  const customers = demoDataset();
  const facts = customers.flatMap((c) => c.requests);
  const count = (path: string) => facts.filter((f) => f.path === path).length;

  it('is the same on every run', () => {
    expect(JSON.stringify(demoDataset())).toBe(JSON.stringify(customers));
  });

  it('has at least 2,000 customers and 100,000 interactions, with purchases and complaints', () => {
    expect(customers).toHaveLength(2000);
    expect(count('/interactions')).toBeGreaterThanOrEqual(100_000);
    expect(count('/purchases')).toBeGreaterThan(20_000);
    expect(count('/complaints')).toBeGreaterThan(1000);
  });

  it('spans the three years up to its end, each customer registered first and in business-time order', () => {
    const times = facts.map(timeOf);
    expect(times.reduce((a, b) => Math.min(a, b))).toBe(start);
    expect(times.reduce((a, b) => Math.max(a, b))).toBeLessThanOrEqual(end);
    for (const customer of customers) {
      const own = customer.requests.map(timeOf);
      expect(own).toEqual([...own].sort((a, b) => a - b));
      expect(customer.requests.findIndex((r) => r.path === '')).toBe(0);
    }
  });

  it('ends where it is told to, and tells its end by its first registration', () => {
    const later = new Date('2027-03-15T00:00:00Z');
    const moved = demoDataset(50, 7, later);
    expect(moved.flatMap((c) => c.requests.map(timeOf)).reduce((a, b) => Math.max(a, b))).toBeLessThanOrEqual(later.getTime());
    expect(demoEndAfter(new Date(timeOf(moved[0].requests[0])))).toEqual(later);
    expect(demoEndAfter(new Date(timeOf(customers[0].requests[0])))).toEqual(defaultDemoEnd);
  });

  it('puts a tenth of each business line in charge of 30-50% of its revenue (002)', () => {
    for (const industry of new Set(customers.map(industryOf))) {
      const revenues = customers.filter((c) => industryOf(c) === industry).map(netRevenueOf).filter((r) => r > 0).sort((a, b) => b - a);
      const top = revenues.slice(0, Math.ceil(revenues.length / 10)).reduce((a, b) => a + b, 0);
      const share = top / revenues.reduce((a, b) => a + b, 0);
      expect([industry, share >= 0.3 && share <= 0.5]).toEqual([industry, true]);
    }
  });

  it('has customers in every lifecycle stage at the end', () => {
    const stages = new Set(customers.map((c) => stageAt(c, end)));
    expect([...stages].sort()).toEqual(
      ['advocate', 'client', 'disqualified', 'first-time-buyer', 'lapsed', 'partner', 'prospect', 'repeat-buyer', 'suspect'].sort(),
    );
  });

  it('leaves complaints open at the end, some transferred, some reopened after their resolution', () => {
    const complaints = customers.flatMap((c) => complaintsAt(c, end));
    const open = complaints.filter((c) => isOpen(c.status));
    expect(open.length).toBeGreaterThan(20);
    expect(open.filter((c) => c.transferred).length).toBeGreaterThan(0);
    expect(open.filter((c) => c.status === 'reopened').length).toBeGreaterThan(0);
    expect(complaints.filter((c) => c.transferred).length).toBeGreaterThan(100);
    expect(complaints.filter((c) => c.reopened && c.status === 'closed').length).toBeGreaterThan(50);
  });

  it('visits key accounts about weekly and small ones about every two months (the care cadence)', () => {
    const tiers = tiersAt(customers, end);
    const gaps = (tier: string) =>
      customers
        .filter((c) => tiers.get(c.customerId) === tier)
        .flatMap((c) => {
          const visits = c.requests.filter((r) => r.path === '/interactions' && ['visit', 'meeting'].includes(r.body.channel as string)).map(timeOf);
          return visits.slice(1).map((at, i) => (at - visits[i]) / DAY);
        });
    expect(median(gaps('key'))).toBeLessThanOrEqual(10);
    expect(median(gaps('small'))).toBeGreaterThanOrEqual(40);
  });

  it('plans visits past the end, made before it', () => {
    const plans = facts.filter((f) => f.path === '/visits');
    expect(plans.length).toBeGreaterThan(100);
    for (const plan of plans) {
      expect(timeOf(plan)).toBeLessThanOrEqual(end);
      expect(Date.parse(plan.body.plannedFor as string)).toBeGreaterThan(end);
    }
  });

  it('touches customers on their birthday and before 春节 and 中秋', () => {
    const touches = facts.filter((f) => f.path === '/interactions');
    expect(touches.filter((t) => t.body.purpose === 'birthday').length).toBeGreaterThan(1000);
    const holidays = touches.filter((t) => t.body.purpose === 'holiday');
    expect(holidays.filter((t) => (t.body.summary as string).includes('春节')).length).toBeGreaterThan(1000);
    expect(holidays.filter((t) => (t.body.summary as string).includes('中秋')).length).toBeGreaterThan(1000);
  });

  it('keeps birthdays, family birthdays and anniversaries on cards and contacts, 29 February among them', () => {
    const cards = facts.filter((f) => f.path === '/profile');
    expect(cards.filter((c) => c.body.birthday).length).toBe(2000);
    expect(cards.filter((c) => (c.body.family as unknown[] | undefined)?.length).length).toBeGreaterThan(500);
    expect(cards.filter((c) => (c.body.anniversaries as unknown[] | undefined)?.length).length).toBeGreaterThan(500);
    const contactBirthdays = facts.filter((f) => f.path === '/contacts' && f.body.birthday).map((f) => f.body.birthday as string);
    expect(contactBirthdays.length).toBeGreaterThan(1000);
    expect(contactBirthdays.some((birthday) => birthday.endsWith('-02-29'))).toBe(true);
  });

  it("sells 颐高's booths, advertising and events in its malls, and cigarettes to the tobacco retailers", () => {
    const categories = (industry: string) =>
      new Set(
        customers
          .filter((c) => industryOf(c) === industry)
          .flatMap((c) => c.requests.filter((r) => r.path === '/purchases').flatMap((r) => (r.body.lines as { category: string }[]).map((l) => l.category))),
      );
    expect([...categories('IT retail')].sort()).toEqual(['advertising', 'booths', 'events']);
    expect([...categories('IT manufacturing')].sort()).toEqual(['advertising', 'booths', 'events']);
    expect([...categories('tobacco retail')].every((c) => c.startsWith('cigarettes-'))).toBe(true);
  });

  it("names no customer after a competitor (other IT malls, online shops)", () => {
    const competitors = new Set([
      ...facts.filter((f) => f.path === '/competitor-contacts' || f.path === '/churn').map((f) => f.body.competitor as string | undefined),
      ...['华强', '赛格', '百脑汇', '太平洋', '国美', '苏宁', '京东'],
    ]);
    competitors.delete(undefined);
    expect(competitors.size).toBeGreaterThan(7);
    const named = customers.map(nameOf).filter((name) => [...competitors].some((competitor) => name.includes(competitor!)));
    expect(named).toEqual([]);
  });
});
