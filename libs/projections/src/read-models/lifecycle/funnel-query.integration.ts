import type { JsonObject, RecordedEvent, SqlClient } from '@crm/event-store';
import { tableNamer, viewName } from '../../projection';
import { CustomerHistories, seeded } from '../../testing/customer-histories';
import { testClients, type OpenedClient } from '../../testing/test-clients';
import { lifecycle } from './definition';
import { readFunnel, type Cohort } from './funnel-query';
import type { StageSpan } from './lifecycle-facts';
import { funnel, type CustomerStageHistory } from './lifecycle-funnel';

const day = 86_400_000;
const base = Date.UTC(2023, 0, 1);
const levels = ['acquaintance', 'friend', 'partner'];

/**
 * Random customers climbing the ladder, lapsing (a year without purchase, a churn), won back,
 * disqualified, erased; registered over two months, interleaved as in `$all` and back-dated.
 */
function historyOf(next: (n: number) => number): RecordedEvent[] {
  const log = new CustomerHistories(base);
  const push = (customer: string, type: string, dayOf: number, data: JsonObject = {}) => log.push(customer, type, base + dayOf * day + next(day), data);

  const customers = Array.from({ length: 30 }, (_, i) => `f${i}`);
  for (const [i, c] of customers.entries()) push(c, 'CustomerRegistered', i * 2);
  const kinds = ['CustomerQualified', 'PurchaseRecorded', 'PurchaseRecorded', 'PurchaseRecorded', 'RelationshipLevelChanged', 'ReferralMade', 'CustomerChurned', 'CustomerDisqualified', 'PartnershipEstablished', 'SurveyAnswered'];
  for (let i = 0; i < 260; i++) {
    const c = customers[next(customers.length)];
    const type = kinds[next(kinds.length)];
    const data: JsonObject =
      type === 'PurchaseRecorded' ? { orderId: `SO-${i}` }
      : type === 'RelationshipLevelChanged' ? { level: levels[next(levels.length)] }
      : type === 'ReferralMade' ? { referredCustomerId: customers[next(customers.length)] }
      : type === 'SurveyAnswered' ? { nps: next(11) }
      : {};
    push(c, type, 60 + next(900), data);
  }
  push('f4', 'CustomerErased', 400);
  push('f9', 'CustomerErased', 800);
  return log.events;
}

/** The cohort's histories as the rules take them: every stay begun by T, cut at T. */
async function historiesAt(client: SqlClient, { asOf, registeredFrom, registeredTo }: Cohort): Promise<CustomerStageHistory[]> {
  const T = Date.parse(asOf);
  const facts = await client.query<{ customer_id: string; kind: string; at_ms: number }>(
    `select customer_id, kind, (extract(epoch from at) * 1000)::float8 as at_ms from ${viewName('lifecycle_facts')} where kind in ('registered', 'erased')`,
  );
  const at = (id: string, kind: string) => facts.find((f) => f.customer_id === id && f.kind === kind)?.at_ms;
  const spans = await client.query<{ customer_id: string; stage: StageSpan['stage']; from_ms: number; to_ms: number | null }>(
    `select customer_id, stage, (extract(epoch from from_at) * 1000)::float8 as from_ms, (extract(epoch from to_at) * 1000)::float8 as to_ms
       from ${viewName('lifecycle_stages')} order by customer_id, from_at`,
  );
  const histories = new Map<string, StageSpan[]>();
  for (const s of spans) {
    const registered = at(s.customer_id, 'registered')!;
    const erased = at(s.customer_id, 'erased');
    if (registered > T || (erased !== undefined && erased <= T) || s.from_ms > T) continue;
    if ((registeredFrom && registered < Date.parse(registeredFrom)) || (registeredTo && registered > Date.parse(registeredTo))) continue;
    const history = histories.get(s.customer_id) ?? [];
    history.push({ stage: s.stage, from: s.from_ms, to: s.to_ms === null || s.to_ms > T ? null : s.to_ms });
    histories.set(s.customer_id, history);
  }
  return [...histories].map(([customerId, history]) => ({ customerId, history }));
}

function suite(name: string, open: () => Promise<OpenedClient>) {
  describe(`the funnel's query (${name})`, () => {
    let client: SqlClient;
    let dispose: () => Promise<void>;
    const next = seeded(24571);

    beforeAll(async () => {
      ({ client, dispose } = await open());
      await client.exec('create schema if not exists crm_read');
      const table = tableNamer(1);
      for (const statement of lifecycle.schema(table)) await client.exec(statement);
      for (const t of lifecycle.tables) await client.exec(`create view ${viewName(t)} as select * from ${table(t)}`);
      await client.transaction((tx) => lifecycle.apply({ tx, events: historyOf(next), table, more: false }));
    });
    afterAll(() => dispose());

    it('counts what the rules count from the histories, at any T and for any cohort', async () => {
      const cohorts: Cohort[] = [];
      for (const dayOf of [-1, 0, 1, 30, 45, 200, 400, 500, 800, 1000, 1500]) cohorts.push({ asOf: new Date(base + dayOf * day + 3_600_000).toISOString() });
      cohorts.push({ asOf: new Date(base + 700 * day).toISOString(), registeredFrom: new Date(base + 10 * day).toISOString(), registeredTo: new Date(base + 30 * day).toISOString() });
      cohorts.push({ asOf: new Date(base + 700 * day).toISOString(), registeredFrom: new Date(base + 40 * day).toISOString() });
      // Exactly at the end of a stay: it is over (the next one is under way).
      const ends = await client.query<{ at: string }>(
        `select to_char(to_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at from ${viewName('lifecycle_stages')} where to_at is not null order by to_at, customer_id`,
      );
      for (const end of ends.filter((_, i) => i % 5 === 0)) cohorts.push({ asOf: end.at });
      const seen = { medians: 0, lapsed: 0 };
      for (const cohort of cohorts) {
        const histories = await historiesAt(client, cohort);
        const answer = await readFunnel(client, cohort);
        expect({ cohort, ...answer }).toEqual({ cohort, customers: histories.length, stages: funnel(histories, Date.parse(cohort.asOf)) });
        seen.medians += answer.stages.filter((s) => s.medianDaysInStage !== null).length;
        seen.lapsed += histories.filter((h) => h.history.some((s) => s.stage === 'lapsed' || s.stage === 'disqualified')).length;
      }
      // The fixture reaches what the rules tell apart.
      expect(seen.medians).toBeGreaterThan(20);
      expect(seen.lapsed).toBeGreaterThan(3);
    });
  });
}

for (const [name, open] of testClients) suite(name, open);
