import { registered, startApi, type Call, type TestApi } from '../support/api';

/** Every write endpoint, in an order the business rules accept, with the event it records. */
const inAFortnight = new Date(Date.now() + 14 * 86_400_000).toISOString();
const facts: { path: string; body: Record<string, unknown>; event: string; invalid: Record<string, unknown> }[] = [
  { path: '/profile', body: { birthday: '1975-03-08', hobbies: ['golf'], family: [{ relation: 'daughter', name: '王小明' }], contactDetails: { mobile: '13800000000' } }, event: 'ProfileCardUpdated', invalid: { birthday: '8 March' } },
  { path: '/account-manager', body: { managerId: 'am-zhang' }, event: 'AccountManagerAssigned', invalid: {} },
  { path: '/qualification', body: {}, event: 'CustomerQualified', invalid: { reason: 42 } },
  { path: '/contacts', body: { contactId: 'ct-1', name: '李娜', title: '总经理', level: 'executive', role: 'decision-maker' }, event: 'ContactAdded', invalid: { contactId: 'ct-x', name: 'X', level: 'boss', role: 'user' } },
  { path: '/contacts', body: { contactId: 'ct-2', name: '陈刚', level: 'middle', role: 'influencer', reportsTo: 'ct-1', internalChampion: true }, event: 'ContactAdded', invalid: { contactId: 'ct-y' } },
  { path: '/contacts/ct-2', body: { title: '采购经理', email: 'chen@example.com' }, event: 'ContactUpdated', invalid: { email: 'not-an-email' } },
  { path: '/relationship-level', body: { level: 'friend', contactId: 'ct-1' }, event: 'RelationshipLevelChanged', invalid: { level: 'bestie' } },
  { path: '/interactions', body: { channel: 'visit', direction: 'outbound', purpose: 'care', summary: 'Mid-autumn visit with mooncakes', contactId: 'ct-1' }, event: 'InteractionRecorded', invalid: { channel: 'pigeon', direction: 'outbound', purpose: 'care', summary: 'x' } },
  { path: '/visits', body: { plannedFor: inAFortnight, purpose: 'sales', agenda: 'Spring order' }, event: 'VisitPlanned', invalid: { plannedFor: 'next week', purpose: 'sales' } },
  { path: '/surveys', body: { satisfaction: 5, nps: 9, comment: 'Fast delivery' }, event: 'SurveyAnswered', invalid: { nps: 11 } },
  { path: '/complaints', body: { complaintId: 'cp-1', category: 'delivery', severity: 'high', channel: 'call', description: 'Late delivery of 40 notebooks', receivedBy: 'agent-wu' }, event: 'ComplaintFiled', invalid: { complaintId: 'cp-x', category: 'delivery', severity: 'apocalyptic', channel: 'call', description: 'x', receivedBy: 'a' } },
  { path: '/complaints/cp-1/acknowledge', body: {}, event: 'ComplaintAcknowledged', invalid: { note: 'unknown field' } },
  { path: '/complaints/cp-1/escalate', body: { to: 'supervisor-liu', reason: 'Customer is a key account' }, event: 'ComplaintEscalated', invalid: { to: '' } },
  { path: '/complaints/cp-1/transfer', body: { to: 'logistics-ma', reason: 'Carrier issue' }, event: 'ComplaintTransferred', invalid: { reason: 'no target' } },
  { path: '/complaints/cp-1/resolve', body: { resolution: 'Re-delivered with express carrier' }, event: 'ComplaintResolved', invalid: {} },
  { path: '/complaints/cp-1/close', body: { satisfaction: 4 }, event: 'ComplaintClosed', invalid: { satisfaction: 0 } },
  { path: '/complaints/cp-1/reopen', body: { reason: 'Two units arrived damaged' }, event: 'ComplaintReopened', invalid: {} },
  { path: '/purchases', body: { orderId: 'SO-1', currency: 'CNY', lines: [{ sku: 'NB-T480', category: 'notebooks', quantity: 40, unitPriceMinor: 599900 }], costMinor: 20000000 }, event: 'PurchaseRecorded', invalid: { orderId: 'SO-X', currency: 'yuan', lines: [] } },
  { path: '/purchases/SO-1/refunds', body: { refundId: 'CN-1', amountMinor: 1199800, currency: 'CNY', reason: 'Two damaged units' }, event: 'PurchaseRefunded', invalid: { refundId: 'CN-2', amountMinor: -5, currency: 'CNY' } },
  { path: '/referrals', body: { referredCustomerId: 'referred-1', note: 'Sister company' }, event: 'ReferralMade', invalid: { referredCustomerId: 'has spaces' } },
  { path: '/competitor-contacts', body: { competitor: 'Gome', offer: '8% rebate', outcome: 'resisted', contactId: 'ct-2' }, event: 'CompetitorContactObserved', invalid: { competitor: 'Gome', outcome: 'shrugged' } },
  { path: '/compliance-violations', body: { kind: 'cross-region-diversion', description: 'Goods found in another region', penalty: { kind: 'fine', amountMinor: 500000, currency: 'CNY' } }, event: 'ComplianceViolationRecorded', invalid: { kind: 'cross-region-diversion', description: 'x', penalty: { kind: 'spanking' } } },
  { path: '/tier-override', body: { tier: 'key', reason: 'government-influence' }, event: 'TierOverridden', invalid: { tier: 'platinum', reason: 'strategic' } },
  { path: '/credit-rating', body: { grade: 'AA' }, event: 'CreditRated', invalid: { grade: 'Z' } },
  { path: '/star-rating', body: { stars: 4 }, event: 'StarRated', invalid: { stars: 4.5 } },
  { path: '/partnership', body: { agreementRef: 'AGR-2024-017' }, event: 'PartnershipEstablished', invalid: { agreementRef: 7 } },
  { path: '/contacts/ct-2/removal', body: { reason: 'left-company' }, event: 'ContactRemoved', invalid: { reason: 'fired-into-space' } },
  { path: '/churn', body: { reason: 'competitor', competitor: 'Suning' }, event: 'CustomerChurned', invalid: { reason: 'boredom' } },
  // After the churn, which ended the partnership: a partner cannot be disqualified.
  { path: '/disqualification', body: { reason: 'Left our trade' }, event: 'CustomerDisqualified', invalid: { reason: 42 } },
  { path: '/erasure', body: { basis: 'data-subject-request' }, event: 'CustomerErased', invalid: { basis: 'because' } },
];

describe('recording every fact over HTTP (PostgreSQL)', () => {
  let api: TestApi;
  let call: Call;
  beforeAll(async () => {
    api = await startApi();
    call = api.call;
  });
  afterAll(() => api.close());

  it('registers with a chosen id, answers 201 with the envelope, ETag and Location', async () => {
    const sent = Date.now();
    const response = await call(
      'POST',
      '/v1/customers',
      { customerId: 'acme', kind: 'organization', name: '深圳华强电子有限公司', industry: 'IT retail', ownership: 'private', region: 'Guangdong', source: 'trade-fair', occurredAt: '2021-03-01T08:00:00Z' },
      { 'x-correlation-id': 'corr-42' },
    );
    expect(response.status).toBe(201);
    expect(response.headers.get('etag')).toBe('"0"');
    expect(response.headers.get('location')).toBe('/v1/customers/acme');
    expect(response.body).toMatchObject({ customerId: 'acme', streamVersion: 0 });
    expect(response.body.events).toHaveLength(1);
    expect(response.body.events[0]).toMatchObject({
      streamId: 'customer-acme',
      streamVersion: 0,
      type: 'CustomerRegistered',
      schemaVersion: 1,
      data: { customerId: 'acme', kind: 'organization', name: '深圳华强电子有限公司', ownership: 'private' },
      metadata: { actor: 'admin', correlationId: 'corr-42', occurredAt: '2021-03-01T08:00:00.000Z' },
    });
    expect(typeof response.body.events[0].position).toBe('number');
    // Recording time is the server's, now (to the millisecond), not the business time given.
    const recordedAt = Date.parse(response.body.events[0].recordedAt);
    expect(recordedAt).toBeGreaterThanOrEqual(sent - 1000);
    expect(recordedAt).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it('makes an id when the client gives none', async () => {
    const response = await call('POST', '/v1/customers', { kind: 'person', name: '王芳' });
    expect(response.status).toBe(201);
    expect(response.body.customerId).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get('location')).toBe(`/v1/customers/${response.body.customerId}`);
  });

  it('records each fact with its event, one stream version further each time', async () => {
    await registered(call, 'c1', { ownership: 'state', region: 'Yunnan' });
    let version = 0;
    for (const fact of facts) {
      const response = await call('POST', `/v1/customers/c1${fact.path}`, fact.body);
      expect({ path: fact.path, status: response.status, body: response.body }).toMatchObject({ status: 201 });
      expect(response.body.events.map((e: { type: string }) => e.type)).toEqual([fact.event]);
      version += 1;
      expect(response.body.streamVersion).toBe(version);
      expect(response.headers.get('etag')).toBe(`"${version}"`);
    }
  });

  it('refuses an invalid body on every endpoint with 400 and the field path, writing nothing', async () => {
    await registered(call, 'c-invalid');
    for (const fact of facts) {
      const response = await call('POST', `/v1/customers/c-invalid${fact.path}`, fact.invalid);
      expect({ path: fact.path, status: response.status }).toEqual({ path: fact.path, status: 400 });
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.body.errors.length).toBeGreaterThan(0);
      for (const error of response.body.errors) expect(typeof error.path).toBe('string');
    }
    const register = await call('POST', '/v1/customers', { kind: 'organization', name: 'X', bogus: true });
    expect(register.status).toBe(400);
    expect(register.body.errors).toEqual([{ path: 'bogus', message: 'property bogus should not exist' }]);
    const nested = await call('POST', '/v1/customers/c-invalid/purchases', { orderId: 'o', currency: 'CNY', lines: [{ sku: 's', category: 'c', quantity: 0, unitPriceMinor: 1 }] });
    expect(nested.body.errors).toEqual([{ path: 'lines[0].quantity', message: 'quantity must not be less than 1' }]);
    const check = await call('POST', '/v1/customers/c-invalid/star-rating', { stars: 3 });
    expect(check.body.streamVersion).toBe(1);
  });

  it('answers 401 without a key and 403 to roles that may not write, on every endpoint', async () => {
    await registered(call, 'c-roles');
    const anonymous = api.withAuthorization(undefined);
    const readers = await Promise.all((['auditor', 'analyst', 'integrator'] as const).map((role) => api.as(role)));
    for (const fact of facts) {
      const path = `/v1/customers/c-roles${fact.path}`;
      expect({ path, status: (await anonymous('POST', path, fact.body)).status }).toEqual({ path, status: 401 });
      for (const reader of readers) expect({ path, status: (await reader('POST', path, fact.body)).status }).toEqual({ path, status: 403 });
    }
    expect((await call('GET', '/v1/customers/c-roles')).body.streamVersion).toBe(0);
  });

  it('answers 404 for a customer never registered, on every endpoint', async () => {
    for (const fact of facts) {
      const response = await call('POST', `/v1/customers/ghost${fact.path}`, fact.body);
      expect({ path: fact.path, status: response.status, code: response.body.code }).toEqual({ path: fact.path, status: 404, code: 'customer-not-found' });
    }
  });

  it('answers 404 for a contact, complaint or order the customer does not have', async () => {
    await registered(call, 'c404');
    expect((await call('POST', '/v1/customers/c404/contacts/nobody', { title: 'x' })).status).toBe(404);
    expect((await call('POST', '/v1/customers/c404/complaints/none/acknowledge', {})).status).toBe(404);
    const refund = await call('POST', '/v1/customers/c404/purchases/none/refunds', { refundId: 'r', amountMinor: 1, currency: 'CNY' });
    expect(refund.status).toBe(404);
    expect(refund.body).toMatchObject({ entity: 'order', id: 'none' });
    expect((await call('POST', '/v1/customers/bad id/star-rating', { stars: 1 })).status).toBe(400);
  });

  it('answers 410 on every endpoint once the customer is erased', async () => {
    await registered(call, 'c-erased');
    expect((await call('POST', '/v1/customers/c-erased/erasure', { basis: 'retention-period-ended' })).status).toBe(201);
    for (const fact of facts) {
      const response = await call('POST', `/v1/customers/c-erased${fact.path}`, fact.body);
      expect({ path: fact.path, status: response.status, code: response.body.code }).toEqual({ path: fact.path, status: 410, code: 'customer-erased' });
    }
    const again = await call('POST', '/v1/customers', { customerId: 'c-erased', kind: 'organization', name: 'Customer c-erased' });
    expect(again.status).toBe(410);
  });

  it('answers 409 for an id taken by a different payload, 200 with no events for an identical retry', async () => {
    await registered(call, 'c409');
    const order = { orderId: 'SO-9', currency: 'CNY', lines: [{ sku: 'A', category: 'c', quantity: 1, unitPriceMinor: 100 }] };
    expect((await call('POST', '/v1/customers/c409/purchases', order)).status).toBe(201);
    const retry = await call('POST', '/v1/customers/c409/purchases', order);
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual({ customerId: 'c409', streamVersion: 1, events: [] });
    expect(retry.headers.get('etag')).toBe('"1"');
    const different = await call('POST', '/v1/customers/c409/purchases', { ...order, lines: [{ ...order.lines[0], quantity: 2 }] });
    expect(different.status).toBe(409);
    expect(different.body).toMatchObject({ entity: 'order', id: 'SO-9' });
    const reRegister = await call('POST', '/v1/customers', { customerId: 'c409', kind: 'person', name: 'Someone else' });
    expect(reRegister.status).toBe(409);
  });

  it('answers 422 with the rule when a business rule is broken', async () => {
    await registered(call, 'c422');
    await call('POST', '/v1/customers/c422/purchases', { orderId: 'SO-1', currency: 'CNY', lines: [{ sku: 'A', category: 'c', quantity: 1, unitPriceMinor: 100 }] });
    const cases: [string, Record<string, unknown>, string][] = [
      ['/purchases/SO-1/refunds', { refundId: 'r1', amountMinor: 101, currency: 'CNY' }, 'refund.exceeds_remaining'],
      ['/referrals', { referredCustomerId: 'c422' }, 'referral.self_referral'],
      ['/purchases', { orderId: 'SO-2', currency: 'CNY', lines: [{ sku: 'A', category: 'c', quantity: 1, unitPriceMinor: 100 }], amountMinor: 99 }, 'purchase.amount_mismatch'],
    ];
    for (const [path, body, rule] of cases) {
      const response = await call('POST', `/v1/customers/c422${path}`, body);
      expect({ path, status: response.status, rule: response.body.rule }).toEqual({ path, status: 422, rule });
    }
    await call('POST', '/v1/customers/c422/complaints', { complaintId: 'cp', category: 'billing', severity: 'low', channel: 'email', description: 'x', receivedBy: 'a' });
    const close = await call('POST', '/v1/customers/c422/complaints/cp/close', {});
    expect({ status: close.status, rule: close.body.rule }).toEqual({ status: 422, rule: 'complaint.not_resolved' });
    await call('POST', '/v1/customers/c422/contacts', { contactId: 'a', name: 'A', level: 'staff', role: 'user' });
    await call('POST', '/v1/customers/c422/contacts', { contactId: 'b', name: 'B', level: 'staff', role: 'user', reportsTo: 'a' });
    const cycle = await call('POST', '/v1/customers/c422/contacts/a', { reportsTo: 'b' });
    expect(cycle.status).toBe(422);
    expect(cycle.body.rule).toBe('contact.reports_to_cycle');
  });

  it('refuses business time more than 5 minutes in the future', async () => {
    await registered(call, 'c-future');
    const future = new Date(Date.now() + 10 * 60_000).toISOString();
    const response = await call('POST', '/v1/customers/c-future/star-rating', { stars: 3, occurredAt: future });
    expect(response.status).toBe(400);
    expect(response.body.errors[0].path).toBe('occurredAt');
  });
});
