import { startApi, type Call, type TestApi } from '../support/api';

/**
 * What account managers read (READ-MODELS §2-3): the customer list, the care agenda and the
 * 360, on a fixture worked out by hand. T = 2024-02-20T00:00Z (08:00 on 20 February in
 * Shanghai); all registered 2023-01-01 unless said.
 * - Tiers among PA, PB, PC, PD (PF is disqualified, PE erased): n = 4, key = ceil(0.4) = 1 (PA,
 *   100,000 on 2024-01-10), general up to ceil(1.6) = 2 (PB, 50,000 on 2024-01-05), PC, PD small.
 *   PB also bought 30,000 on 2023-01-10, outside the tier year: lifetime net 80,000.
 * - Visits: PA's last visit 2024-02-10 + 7 d = due 2024-02-17, 3 days overdue; PB's meeting
 *   2024-02-01 + 28 d = 2024-02-29, in 9 days; PC's visit 2023-12-01 + 56 d = 2024-01-26, 25
 *   days overdue (a call on 2024-01-20 is not a visit); PD never contacted: registration +
 *   56 d = 2023-02-26, 359 days overdue, and silent 415 days > 2 x 56: the only alert.
 * - Dates in [2024-02-20, 2024-03-21] (Shanghai): PA's birthday 1980-02-29 on 2024-02-29 (a
 *   leap year, 44 years, in 9 days); PA's daughter 2010-03-21 on the window's last day (30
 *   days); PA's anniversary 2019-03-22 is a day too late; PB's contact 李娜 1975-02-20 today
 *   (49 years); PB's removed contact and PC's cleared birthday are not listed.
 */
describe('customer list, care agenda and 360 (PostgreSQL)', () => {
  let api: TestApi;
  let call: Call;
  const T = '2024-02-20T00:00:00.000Z';
  beforeAll(async () => {
    api = await startApi();
    call = api.call;
    const post = async (path: string, body: Record<string, unknown>, at: string) => {
      const answer = await call('POST', path, { ...body, occurredAt: at.length === 10 ? `${at}T00:00:00Z` : at });
      if (answer.status !== 201) throw new Error(`${path}: ${answer.status} ${answer.text}`);
    };
    const customer = (id: string) => `/v1/customers/${id}`;
    const names: Record<string, string> = { PA: '华南商行', PB: '昆明烟酒行', PC: 'Delta Shop', PD: 'DELTA Trading', PE: '李先生', PF: 'Foxtrot' };
    for (const [id, name] of Object.entries(names)) await post('/v1/customers', { customerId: id, kind: 'organization', name }, '2023-01-01');
    await post(`${customer('PA')}/account-manager`, { managerId: 'am-1' }, '2023-01-02');
    await post(`${customer('PB')}/account-manager`, { managerId: 'am-2' }, '2023-01-02');
    const buy = (id: string, orderId: string, amount: number, at: string) =>
      post(`${customer(id)}/purchases`, { orderId, currency: 'CNY', lines: [{ sku: 'BOOTH', category: 'booths', quantity: 1, unitPriceMinor: amount }] }, at);
    await buy('PA', 'SO-1', 100_000, '2024-01-10');
    await buy('PB', 'SO-1', 30_000, '2023-01-10');
    await buy('PB', 'SO-2', 50_000, '2024-01-05');
    await post(`${customer('PF')}/disqualification`, { reason: 'Not a retailer' }, '2023-06-01');
    const interact = (id: string, channel: string, at: string) =>
      post(`${customer(id)}/interactions`, { channel, direction: 'outbound', purpose: 'care', summary: '例行拜访' }, at);
    await interact('PA', 'visit', '2024-02-10');
    await interact('PB', 'meeting', '2024-02-01');
    await interact('PC', 'visit', '2023-12-01');
    await interact('PC', 'call', '2024-01-20');
    await post(`${customer('PA')}/visits`, { plannedFor: '2024-02-22T02:00:00Z', purpose: 'care' }, '2024-02-15');
    await post(`${customer('PA')}/visits`, { plannedFor: '2024-02-12T02:00:00Z', purpose: 'sales' }, '2024-02-01');
    await post(`${customer('PA')}/profile`, {
      birthday: '1980-02-29',
      family: [{ relation: 'daughter', name: '小红', birthday: '2010-03-21' }],
      anniversaries: [{ label: '合作周年', date: '2019-03-22' }],
    }, '2023-02-01');
    await post(`${customer('PA')}/contacts`, { contactId: 'ct-1', name: '王总', level: 'executive', role: 'decision-maker' }, '2023-01-03');
    await post(`${customer('PA')}/contacts`, { contactId: 'ct-2', name: '赵经理', level: 'middle', role: 'influencer', reportsTo: 'ct-1', internalChampion: true }, '2023-01-03');
    await post(`${customer('PA')}/relationship-level`, { level: 'friend', contactId: 'ct-2' }, '2023-03-01');
    await post(`${customer('PA')}/complaints`, { complaintId: 'cp-1', category: 'delivery', severity: 'high', channel: 'call', description: 'Late', receivedBy: 'wu' }, '2024-02-18');
    await post(`${customer('PB')}/contacts`, { contactId: 'ct-1', name: '李娜', level: 'executive', role: 'decision-maker', birthday: '1975-02-20' }, '2023-01-03');
    await post(`${customer('PB')}/contacts`, { contactId: 'ct-2', name: '刘强', level: 'staff', role: 'user', birthday: '1990-02-25' }, '2023-01-03');
    await post(`${customer('PB')}/contacts/ct-2/removal`, { reason: 'left-company' }, '2024-01-01');
    await post(`${customer('PC')}/profile`, { birthday: '1970-03-01' }, '2023-02-01');
    await post(`${customer('PC')}/profile`, { birthday: null }, '2024-01-01');
    await post(`${customer('PE')}/profile`, { birthday: '1985-02-21' }, '2023-02-01');
    await post(`${customer('PE')}/erasure`, { basis: 'data-subject-request' }, '2024-01-15');
  });
  afterAll(() => api.close());

  describe('the care agenda', () => {
    it('lists the dates in the window, the visits due by cadence and the silent customers', async () => {
      const answer = await call('GET', `/v1/care-agenda?asOf=${T}`);
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ asOf: T, days: 30, timeZone: 'Asia/Shanghai', managerId: null, cadenceDays: { key: 7, general: 28, small: 56 } });
      expect(answer.body.dates).toEqual([
        { customerId: 'PB', kind: 'contact-birthday', label: '李娜', date: '2024-02-20', daysUntil: 0, years: 49 },
        { customerId: 'PA', kind: 'birthday', label: '华南商行', date: '2024-02-29', daysUntil: 9, years: 44 },
        { customerId: 'PA', kind: 'family-birthday', label: '小红 (daughter)', date: '2024-03-21', daysUntil: 30, years: 14 },
      ]);
      expect(answer.body.visitsDue).toEqual([
        { customerId: 'PD', managerId: null, tier: 'small', lastContactAt: '2023-01-01T00:00:00.000Z', dueAt: '2023-02-26T00:00:00.000Z', overdueDays: 359, daysUntil: null, nextPlannedVisit: null },
        { customerId: 'PC', managerId: null, tier: 'small', lastContactAt: '2023-12-01T00:00:00.000Z', dueAt: '2024-01-26T00:00:00.000Z', overdueDays: 25, daysUntil: null, nextPlannedVisit: null },
        { customerId: 'PA', managerId: 'am-1', tier: 'key', lastContactAt: '2024-02-10T00:00:00.000Z', dueAt: '2024-02-17T00:00:00.000Z', overdueDays: 3, daysUntil: null, nextPlannedVisit: '2024-02-22T02:00:00.000Z' },
        { customerId: 'PB', managerId: 'am-2', tier: 'general', lastContactAt: '2024-02-01T00:00:00.000Z', dueAt: '2024-02-29T00:00:00.000Z', overdueDays: null, daysUntil: 9, nextPlannedVisit: null },
      ]);
      expect(answer.body.noContact).toEqual([{ customerId: 'PD', managerId: null, tier: 'small', lastInteractionAt: '2023-01-01T00:00:00.000Z', daysSince: 415 }]);
    });

    it("reads today in the asked time zone: in New York it is still 19 February, so 李娜's birthday is tomorrow", async () => {
      const answer = await call('GET', `/v1/care-agenda?asOf=${T}&timeZone=America/New_York&days=1`);
      expect(answer.body.dates).toEqual([{ customerId: 'PB', kind: 'contact-birthday', label: '李娜', date: '2024-02-20', daysUntil: 1, years: 49 }]);
    });

    it("narrows to one manager's customers, and a shorter window drops what lies beyond it", async () => {
      const answer = await call('GET', `/v1/care-agenda?asOf=${T}&managerId=am-1&days=8`);
      expect(answer.body.dates).toEqual([]);
      expect(answer.body.visitsDue.map((v: { customerId: string }) => v.customerId)).toEqual(['PA']);
      expect(answer.body.noContact).toEqual([]);
    });

    it('refuses a bad window or time zone with the parameter named', async () => {
      for (const [query, path] of [['days=367', 'days'], ['days=-1', 'days'], ['timeZone=Mars/Olympus', 'timeZone'], ['asOf=yesterday', 'asOf']]) {
        const answer = await call('GET', `/v1/care-agenda?${query}`);
        expect(answer.status).toBe(400);
        expect(answer.headers.get('content-type')).toContain('application/problem+json');
        expect(answer.text).toContain(path);
      }
    });
  });

  describe('the customer list', () => {
    const ids = (answer: { body: { customers: { customerId: string }[] } }) => answer.body.customers.map((c) => c.customerId);

    it('lists the population at T with stage, tier, manager, last interaction and net revenue', async () => {
      const answer = await call('GET', `/v1/customers?asOf=${T}`);
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({
        asOf: T,
        customers: [
          { customerId: 'PA', name: '华南商行', kind: 'organization', stage: 'first-time-buyer', tier: 'key', managerId: 'am-1', lastInteractionAt: '2024-02-10T00:00:00.000Z', netRevenueMinor: 100_000 },
          { customerId: 'PB', name: '昆明烟酒行', kind: 'organization', stage: 'repeat-buyer', tier: 'general', managerId: 'am-2', lastInteractionAt: '2024-02-01T00:00:00.000Z', netRevenueMinor: 80_000 },
          { customerId: 'PC', name: 'Delta Shop', kind: 'organization', stage: 'suspect', tier: 'small', managerId: null, lastInteractionAt: '2024-01-20T00:00:00.000Z', netRevenueMinor: 0 },
          { customerId: 'PD', name: 'DELTA Trading', kind: 'organization', stage: 'suspect', tier: 'small', managerId: null, lastInteractionAt: null, netRevenueMinor: 0 },
          { customerId: 'PF', name: 'Foxtrot', kind: 'organization', stage: 'disqualified', tier: null, managerId: null, lastInteractionAt: null, netRevenueMinor: 0 },
        ],
        next: null,
      });
    });

    it('filters by stage, tier, manager and a text in the name or id, in any case', async () => {
      expect(ids(await call('GET', `/v1/customers?asOf=${T}&stage=disqualified`))).toEqual(['PF']);
      expect(ids(await call('GET', `/v1/customers?asOf=${T}&tier=small`))).toEqual(['PC', 'PD']);
      expect(ids(await call('GET', `/v1/customers?asOf=${T}&managerId=am-2`))).toEqual(['PB']);
      expect(ids(await call('GET', `/v1/customers?asOf=${T}&q=delta`))).toEqual(['PC', 'PD']);
      expect(ids(await call('GET', `/v1/customers?asOf=${T}&q=pf`))).toEqual(['PF']);
    });

    it('sorts by a key either way, ties by id, absent values last', async () => {
      expect(ids(await call('GET', `/v1/customers?asOf=${T}&sort=-netRevenueMinor`))).toEqual(['PA', 'PB', 'PC', 'PD', 'PF']);
      expect(ids(await call('GET', `/v1/customers?asOf=${T}&sort=netRevenueMinor`))).toEqual(['PC', 'PD', 'PF', 'PB', 'PA']);
      expect(ids(await call('GET', `/v1/customers?asOf=${T}&sort=-lastInteractionAt`))).toEqual(['PA', 'PB', 'PC', 'PD', 'PF']);
      expect(ids(await call('GET', `/v1/customers?asOf=${T}&sort=name`))).toEqual(['PD', 'PC', 'PF', 'PA', 'PB']);
    });

    it('pages with a cursor that keeps the asOf and the sort', async () => {
      const first = await call('GET', `/v1/customers?asOf=${T}&sort=-netRevenueMinor&limit=2`);
      expect(ids(first)).toEqual(['PA', 'PB']);
      const second = await call('GET', `/v1/customers?sort=-netRevenueMinor&limit=2&cursor=${first.body.next}`);
      expect(second.body.asOf).toBe(T);
      expect(ids(second)).toEqual(['PC', 'PD']);
      const last = await call('GET', `/v1/customers?sort=-netRevenueMinor&limit=2&cursor=${second.body.next}`);
      expect(ids(last)).toEqual(['PF']);
      expect(last.body.next).toBeNull();
      const otherSort = await call('GET', `/v1/customers?sort=name&cursor=${first.body.next}`);
      expect(otherSort.status).toBe(400);
      expect(otherSort.text).toContain('cursor');
      expect((await call('GET', '/v1/customers?cursor=bm9uc2Vuc2U')).status).toBe(400);
      expect((await call('GET', '/v1/customers?sort=revenue')).status).toBe(400);
    });

    it('as of a past moment: the erased customer was still there, with no name left, and PF not yet disqualified', async () => {
      const answer = await call('GET', '/v1/customers?asOf=2023-05-01T00:00:00Z');
      expect(ids(answer)).toEqual(['PA', 'PB', 'PC', 'PD', 'PE', 'PF']);
      expect(answer.body.customers[4]).toMatchObject({ customerId: 'PE', name: null, stage: 'suspect' });
      expect(answer.body.customers[5]).toMatchObject({ customerId: 'PF', stage: 'suspect', tier: 'small' });
    });
  });

  describe('the 360', () => {
    it('answers one customer from every angle as of T', async () => {
      const answer = await call('GET', `/v1/customers/PA/360?asOf=${T}`);
      expect(answer.status).toBe(200);
      const body = answer.body;
      expect(body.customerId).toBe('PA');
      expect(body.customer).toMatchObject({ customerId: 'PA', name: '华南商行', streamVersion: 10 });
      expect(body.lifecycle).toMatchObject({ stage: 'first-time-buyer', since: '2024-01-10T00:00:00.000Z' });
      expect(body.tier).toMatchObject({ tier: 'key', source: 'computed', rank: 1, valueMinor: 100_000 });
      // Scored: PA and PB (n = 2). PA's 41 days beat PB's 46, 100,000 beats 50,000: w = 1, s = 1 + floor(5 / 2) = 3; one order each in the year: a tie, 1.
      expect(body.loyalty.rfm).toEqual({ recencyDays: 41, frequency: 1, monetaryMinor: 100_000, r: 3, f: 1, m: 3 });
      expect(body.orgChart).toEqual([
        {
          contactId: 'ct-1', name: '王总', title: null, level: 'executive', role: 'decision-maker', internalChampion: false, relationshipLevel: 'stranger',
          reports: [{ contactId: 'ct-2', name: '赵经理', title: null, level: 'middle', role: 'influencer', internalChampion: true, relationshipLevel: 'friend', reports: [] }],
        },
      ]);
      expect(body.coverage).toEqual([
        { level: 'executive', contacts: 1, internalChampions: 0, closestRelationship: 'stranger' },
        { level: 'middle', contacts: 1, internalChampions: 1, closestRelationship: 'friend' },
        { level: 'staff', contacts: 0, internalChampions: 0, closestRelationship: null },
      ]);
      expect(body.lastInteraction).toMatchObject({ at: '2024-02-10T00:00:00.000Z', channel: 'visit' });
      expect(body.nextVisit).toMatchObject({ plannedFor: '2024-02-22T02:00:00.000Z', purpose: 'care' });
      expect(body.openComplaints.map((c: { complaintId: string; owner: string }) => [c.complaintId, c.owner])).toEqual([['cp-1', 'wu']]);
      expect(body.care.dates.map((d: { kind: string; date: string }) => [d.kind, d.date])).toEqual([['birthday', '2024-02-29'], ['family-birthday', '2024-03-21']]);
      expect(body.care.visitsDue).toMatchObject([{ customerId: 'PA', overdueDays: 3 }]);
      expect(body.care.noContact).toEqual([]);
      expect(body).toMatchObject({ creditRating: null, starRating: null, complianceViolations: 0 });
    });

    it('as of an earlier moment it knows only what had happened by then', async () => {
      const body = (await call('GET', '/v1/customers/PA/360?asOf=2023-06-01T00:00:00Z')).body;
      expect(body.customer.purchases.orderCount).toBe(0);
      expect(body.lifecycle.stage).toBe('suspect');
      expect(body.loyalty.rfm).toBeNull();
      expect(body.openComplaints).toEqual([]);
      expect(body.nextVisit).toBeNull();
    });

    it('answers 404 for an unknown customer and 410 for an erased one', async () => {
      expect((await call('GET', '/v1/customers/nobody/360')).status).toBe(404);
      expect((await call('GET', '/v1/customers/PE/360')).status).toBe(410);
    });
  });

  it("keeps no personal value of the erased customer in any read model's table", async () => {
    const { default: postgres } = await import('postgres');
    const sql = postgres(api.databaseUrl, { onnotice: () => undefined });
    try {
      const tables = await sql`select table_name from information_schema.tables where table_schema = 'crm_read' and table_type = 'BASE TABLE'`;
      for (const { table_name } of tables) {
        const text = JSON.stringify(await sql.unsafe(`select * from crm_read.${table_name}`));
        for (const personal of ['李先生', '1985-02-21']) expect({ table_name, found: text.includes(personal) }).toEqual({ table_name, found: false });
      }
      expect(await sql`select * from crm_read.care_facts where customer_id = 'PE'`).toEqual([]);
    } finally {
      await sql.end();
    }
  });
});
