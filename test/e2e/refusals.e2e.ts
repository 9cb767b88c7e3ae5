import { registered, startApi, type ApiResponse, type TestApi } from '../support/api';

/**
 * Every way a write to an existing customer is refused (or answered as a no-op), over HTTP:
 * the status, a problem+json body naming the error (code, business rule, field path),
 * and the customer's stream left as it was (same ETag before and after).
 */

/** A POST relative to `/v1/customers/:id`. */
type Step = readonly [path: string, body: unknown];

interface Expected {
  status: number;
  /** The problem's `code` (and `type` slug); absent for a 200 no-op. */
  code?: string;
  rule?: string;
  /** The only field path in `errors`; with none given, the problem has no `errors`. */
  path?: string;
  entity?: string;
  id?: string;
}

interface Case {
  name: string;
  given?: Step[];
  when: Step;
  then: Expected;
}

const brokenRule = (rule: string, path?: string): Expected => ({ status: 422, code: 'business-rule-violated', rule, path });
const notFound = (entity: string, id: string, path?: string): Expected => ({ status: 404, code: 'not-found', entity, id, path });
const duplicate = (entity: string, id: string): Expected => ({ status: 409, code: 'duplicate', entity, id });
const invalid = (path: string): Expected => ({ status: 400, code: 'invalid-request', path });
const nothingNew: Expected = { status: 200 };

const inAFortnight = new Date(Date.now() + 14 * 86_400_000).toISOString();

const addContact = (contactId: string, extra: Record<string, unknown> = {}): Step => ['/contacts', { contactId, name: `Contact ${contactId}`, level: 'staff', role: 'user', ...extra }];
const removeContact = (contactId: string): Step => [`/contacts/${contactId}/removal`, { reason: 'left-company' }];
const eraseContact = (contactId: string, basis = 'data-subject-request'): Step => [`/contacts/${contactId}/erasure`, { basis }];
const contactErased = (contactId: string): Expected => ({ status: 410, code: 'contact-erased', entity: 'contact', id: contactId });

const complaint = { complaintId: 'cp-1', category: 'delivery', severity: 'high', channel: 'call', description: 'Late delivery of 40 notebooks', receivedBy: 'agent-wu' };
const fileComplaint: Step = ['/complaints', complaint];
const complaintStep: Record<'acknowledge' | 'escalate' | 'transfer' | 'resolve' | 'reopen' | 'close', unknown> = {
  acknowledge: {},
  escalate: { to: 'supervisor-liu', reason: 'Key account' },
  transfer: { to: 'logistics-ma', reason: 'Carrier issue' },
  resolve: { resolution: 'Re-delivered by express' },
  reopen: { reason: 'Two units arrived damaged' },
  close: { satisfaction: 4 },
};
const step = (name: keyof typeof complaintStep, complaintId = 'cp-1'): Step => [`/complaints/${complaintId}/${name}`, complaintStep[name]];

const order = { orderId: 'SO-1', currency: 'CNY', lines: [{ sku: 'NB-T480', category: 'notebooks', quantity: 2, unitPriceMinor: 1000 }] };
const recordPurchase: Step = ['/purchases', order];
const refund = { refundId: 'CN-1', amountMinor: 500, currency: 'CNY', reason: 'One damaged unit' };
const refundPurchase: Step = ['/purchases/SO-1/refunds', refund];

const qualify: Step = ['/qualification', {}];
const disqualify: Step = ['/disqualification', { reason: 'Not in our trade' }];
const partner: Step = ['/partnership', { agreementRef: 'AGR-1' }];
const churn: Step = ['/churn', { reason: 'price' }];

/** Routes that may name one of the customer's contacts, with a body they accept. */
const namingAContact: Record<string, (contactId: string) => unknown> = {
  '/relationship-level': (contactId) => ({ level: 'friend', contactId }),
  '/interactions': (contactId) => ({ channel: 'call', direction: 'outbound', purpose: 'care', summary: 'Birthday call', contactId }),
  '/visits': (contactId) => ({ plannedFor: inAFortnight, purpose: 'sales', contactId }),
  '/surveys': (contactId) => ({ satisfaction: 4, contactId }),
  '/complaints': (contactId) => ({ ...complaint, contactId }),
  '/competitor-contacts': (contactId) => ({ competitor: 'Gome', outcome: 'resisted', contactId }),
};

const cases: Case[] = [
  // The account: lifecycle rules.
  { name: 'disqualifying a customer disqualified already', given: [disqualify], when: disqualify, then: brokenRule('disqualification.already_disqualified') },
  { name: 'disqualifying an active partner', given: [qualify, partner], when: disqualify, then: brokenRule('disqualification.active_partner') },
  { name: 'a profile card update that changes nothing', when: ['/profile', {}], then: brokenRule('profile_card.empty_update') },
  { name: 'qualifying a customer qualified already', given: [qualify], when: qualify, then: brokenRule('qualification.already_qualified') },
  { name: 'requalifying a disqualified customer without a reason', given: [disqualify], when: qualify, then: brokenRule('qualification.requalification_reason_required', 'reason') },
  { name: 'requalifying a disqualified customer with a blank reason', given: [disqualify], when: ['/qualification', { reason: '   ' }], then: brokenRule('qualification.requalification_reason_required', 'reason') },
  { name: 'a partnership with a partner already', given: [qualify, partner], when: partner, then: brokenRule('partnership.already_established') },
  { name: 'a partnership with an unqualified customer', when: partner, then: brokenRule('partnership.requires_qualified_customer') },
  { name: 'a partnership with a churned customer not won back', given: [qualify, churn], when: partner, then: brokenRule('partnership.churned_customer') },
  { name: 'churn of a customer churned already', given: [churn], when: churn, then: brokenRule('churn.already_churned') },
  { name: 'churn to a competitor without naming it', when: ['/churn', { reason: 'competitor' }], then: brokenRule('churn.competitor_required', 'competitor') },
  { name: 'a visit planned for before the plan is made', when: ['/visits', { plannedFor: '2020-01-01T09:00:00Z', purpose: 'sales' }], then: brokenRule('visit.planned_in_past', 'plannedFor') },
  { name: 'a survey answer with no score', when: ['/surveys', {}], then: brokenRule('survey.empty') },
  { name: 'a fine without an amount', when: ['/compliance-violations', { kind: 'cross-region-diversion', description: 'Goods in another region', penalty: { kind: 'fine' } }], then: brokenRule('compliance.penalty_amount', 'penalty.amountMinor') },
  { name: 'a warning with an amount', when: ['/compliance-violations', { kind: 'over-quota', description: 'Over quota', penalty: { kind: 'warning', amountMinor: 100, currency: 'CNY' } }], then: brokenRule('compliance.penalty_amount', 'penalty.amountMinor') },
  { name: 'a supply suspension without its length', when: ['/compliance-violations', { kind: 'counterfeit', description: 'Counterfeit goods', penalty: { kind: 'supply-suspension' } }], then: brokenRule('compliance.penalty_days', 'penalty.days') },

  // Identical repeats: answered 200 with no events.
  { name: 'assigning the account manager the customer has', given: [['/account-manager', { managerId: 'am-zhang' }]], when: ['/account-manager', { managerId: 'am-zhang' }], then: nothingNew },
  { name: 'overriding the tier with the same tier and reason', given: [['/tier-override', { tier: 'key', reason: 'strategic' }]], when: ['/tier-override', { tier: 'key', reason: 'strategic' }], then: nothingNew },
  { name: 'setting the relationship level the customer has', given: [['/relationship-level', { level: 'friend' }]], when: ['/relationship-level', { level: 'friend' }], then: nothingNew },
  { name: 'recording a referral again', given: [['/referrals', { referredCustomerId: 'referred-1' }]], when: ['/referrals', { referredCustomerId: 'referred-1' }], then: nothingNew },
  { name: 'adding the same contact again', given: [addContact('ct-1')], when: addContact('ct-1'), then: nothingNew },
  { name: 'erasing an erased contact again, on another basis', given: [addContact('ct-1'), eraseContact('ct-1')], when: eraseContact('ct-1', 'legal-obligation'), then: nothingNew },
  { name: 'filing the same complaint again', given: [fileComplaint], when: fileComplaint, then: nothingNew },
  { name: 'recording the same refund again', given: [recordPurchase, refundPurchase], when: refundPurchase, then: nothingNew },

  // Contacts and the org chart.
  { name: 'a contact id taken by another contact', given: [addContact('ct-1')], when: addContact('ct-1', { title: 'CEO' }), then: duplicate('contact', 'ct-1') },
  { name: 'a new contact reporting to an unknown contact', when: addContact('ct-2', { reportsTo: 'ghost' }), then: brokenRule('contact.unknown', 'reportsTo') },
  { name: 'a new contact reporting to a removed contact', given: [addContact('ct-1'), removeContact('ct-1')], when: addContact('ct-2', { reportsTo: 'ct-1' }), then: brokenRule('contact.removed', 'reportsTo') },
  { name: 'a new contact reporting to itself', when: addContact('ct-1', { reportsTo: 'ct-1' }), then: brokenRule('contact.reports_to_cycle', 'reportsTo') },
  { name: 'updating a removed contact', given: [addContact('ct-1'), removeContact('ct-1')], when: ['/contacts/ct-1', { title: 'CFO' }], then: brokenRule('contact.removed') },
  { name: 'a contact update that changes nothing', given: [addContact('ct-1')], when: ['/contacts/ct-1', {}], then: brokenRule('contact.empty_update') },
  { name: 'a contact moved under an unknown contact', given: [addContact('ct-1')], when: ['/contacts/ct-1', { reportsTo: 'ghost' }], then: brokenRule('contact.unknown', 'reportsTo') },
  { name: 'a contact moved under itself', given: [addContact('ct-1')], when: ['/contacts/ct-1', { reportsTo: 'ct-1' }], then: brokenRule('contact.reports_to_cycle', 'reportsTo') },
  { name: 'updating a contact by a malformed id', when: ['/contacts/-ct', { title: 'CFO' }], then: invalid('contactId') },
  { name: 'removing an unknown contact', when: removeContact('ghost'), then: notFound('contact', 'ghost') },
  { name: 'removing a contact others report to', given: [addContact('ct-1'), addContact('ct-2', { reportsTo: 'ct-1' })], when: removeContact('ct-1'), then: brokenRule('contact.has_reports') },
  { name: 'removing a contact removed already', given: [addContact('ct-1'), removeContact('ct-1')], when: removeContact('ct-1'), then: brokenRule('contact.removed') },
  ...Object.entries(namingAContact).flatMap(([path, body]): Case[] => [
    { name: `${path} naming an unknown contact`, when: [path, body('ghost')], then: brokenRule('contact.unknown', 'contactId') },
    { name: `${path} naming a removed contact`, given: [addContact('ct-1'), removeContact('ct-1')], when: [path, body('ct-1')], then: brokenRule('contact.removed', 'contactId') },
    { name: `${path} naming an erased contact`, given: [addContact('ct-1'), eraseContact('ct-1')], when: [path, body('ct-1')], then: brokenRule('contact.erased', 'contactId') },
  ]),

  // A contact's erasure.
  { name: 'erasing an unknown contact', when: eraseContact('ghost'), then: notFound('contact', 'ghost') },
  { name: 'erasing a contact on no known basis', given: [addContact('ct-1')], when: eraseContact('ct-1', 'tidy-up'), then: invalid('basis') },
  { name: 'erasing a contact by a malformed id', when: eraseContact('-ct'), then: invalid('contactId') },
  { name: 'updating an erased contact', given: [addContact('ct-1'), eraseContact('ct-1')], when: ['/contacts/ct-1', { title: 'CFO' }], then: contactErased('ct-1') },
  { name: 'removing an erased contact', given: [addContact('ct-1'), eraseContact('ct-1')], when: removeContact('ct-1'), then: contactErased('ct-1') },
  { name: 'adding a contact again under an erased id', given: [addContact('ct-1'), eraseContact('ct-1')], when: addContact('ct-1'), then: contactErased('ct-1') },
  { name: 'a new contact reporting to an erased contact', given: [addContact('ct-1'), eraseContact('ct-1')], when: addContact('ct-2', { reportsTo: 'ct-1' }), then: brokenRule('contact.erased', 'reportsTo') },

  // Complaints.
  { name: 'a complaint id taken by another complaint', given: [fileComplaint], when: ['/complaints', { ...complaint, severity: 'low' }], then: duplicate('complaint', 'cp-1') },
  ...(['escalate', 'transfer', 'resolve', 'reopen', 'close'] as const).map((name): Case => ({
    name: `${name} of an unknown complaint`,
    when: step(name, 'ghost'),
    then: notFound('complaint', 'ghost'),
  })),
  { name: 'acknowledging a complaint acknowledged already', given: [fileComplaint, step('acknowledge')], when: step('acknowledge'), then: brokenRule('complaint.already_acknowledged') },
  ...(['escalate', 'transfer', 'resolve'] as const).map((name): Case => ({
    name: `${name} of a complaint not acknowledged`,
    given: [fileComplaint],
    when: step(name),
    then: brokenRule('complaint.not_acknowledged'),
  })),
  { name: 'transferring a complaint to its owner', given: [fileComplaint, step('acknowledge')], when: ['/complaints/cp-1/transfer', { to: 'agent-wu', reason: 'Back to you' }], then: brokenRule('complaint.transfer_to_current_owner', 'to') },
  { name: 'resolving a complaint resolved already', given: [fileComplaint, step('acknowledge'), step('resolve')], when: step('resolve'), then: brokenRule('complaint.already_resolved') },
  { name: 'closing a complaint closed already', given: [fileComplaint, step('acknowledge'), step('resolve'), step('close')], when: step('close'), then: brokenRule('complaint.already_closed') },
  { name: 'escalating a closed complaint', given: [fileComplaint, step('acknowledge'), step('resolve'), step('close')], when: step('escalate'), then: brokenRule('complaint.already_closed') },
  ...(['acknowledge', 'escalate', 'transfer', 'resolve', 'reopen', 'close'] as const).map((name): Case => {
    // Each step follows the ones before it, filed and stepped at 10:00; the step itself is dated 1 ms before.
    const before: Step[] = { acknowledge: [], escalate: [step('acknowledge')], transfer: [step('acknowledge')], resolve: [step('acknowledge')], reopen: [step('acknowledge'), step('resolve')], close: [step('acknowledge'), step('resolve')] }[name];
    const at = (s: Step, occurredAt: string): Step => [s[0], { ...(s[1] as object), occurredAt }];
    return {
      name: `${name} dated before the step it follows`,
      given: [at(fileComplaint, '2024-05-01T10:00:00Z'), ...before.map((s) => at(s, '2024-05-01T10:00:00Z'))],
      when: at(step(name), '2024-05-01T09:59:59.999Z'),
      then: brokenRule('complaint.step_before_previous', 'occurredAt'),
    };
  }),
  { name: 'reopening a complaint not resolved', given: [fileComplaint, step('acknowledge')], when: step('reopen'), then: brokenRule('complaint.not_resolved') },

  // Purchases and refunds.
  { name: 'a margin above the amount', when: ['/purchases', { ...order, marginMinor: 3000 }], then: brokenRule('purchase.margin_exceeds_amount', 'marginMinor') },
  { name: 'a margin that disagrees with the cost', when: ['/purchases', { ...order, costMinor: 1500, marginMinor: 100 }], then: brokenRule('purchase.margin_disagrees_with_cost', 'marginMinor') },
  { name: 'a refund id taken by another refund', given: [recordPurchase, refundPurchase], when: ['/purchases/SO-1/refunds', { ...refund, amountMinor: 600 }], then: duplicate('refund', 'CN-1') },
  { name: 'a refund in another currency than the order', given: [recordPurchase], when: ['/purchases/SO-1/refunds', { ...refund, currency: 'USD' }], then: brokenRule('refund.currency_mismatch', 'currency') },
  { name: 'a refund of a malformed order id', when: ['/purchases/-SO/refunds', refund], then: invalid('orderId') },

  // Blank text passes the DTO's length check and meets the domain's.
  { name: 'a blank account manager', when: ['/account-manager', { managerId: '   ' }], then: brokenRule('value.blank', 'managerId') },
  { name: 'an interaction with a blank summary', when: ['/interactions', { channel: 'call', direction: 'inbound', purpose: 'service', summary: '   ' }], then: brokenRule('value.blank', 'summary') },

  // Unknown fields inside nested objects.
  { name: 'an unknown field in a purchase line', when: ['/purchases', { ...order, lines: [{ ...order.lines[0], x: 1 }] }], then: invalid('lines[0].x') },
  { name: 'an unknown field in a penalty', when: ['/compliance-violations', { kind: 'counterfeit', description: 'Counterfeit goods', penalty: { kind: 'warning', x: 1 } }], then: invalid('penalty.x') },
  { name: 'an unknown field in the contact details', when: ['/profile', { contactDetails: { mobile: '13800000000', x: 1 } }], then: invalid('contactDetails.x') },
];

function expectProblem(response: ApiResponse, expected: Expected): void {
  expect(response.status).toBe(expected.status);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const { status, code, rule, entity, id } = expected;
  expect(response.body).toMatchObject({
    status,
    type: `urn:crm:problem:${code}`,
    code,
    ...(rule ? { rule } : {}),
    ...(entity ? { entity, id } : {}),
  });
  expect(response.body.errors?.map((error: { path: string }) => error.path)).toEqual(expected.path ? [expected.path] : undefined);
}

describe('refusals of writes, over HTTP (PostgreSQL)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  const etagOf = async (customerId: string) => {
    const response = await api.call('GET', `/v1/customers/${customerId}`);
    expect(response.status).toBe(200);
    return response.headers.get('etag');
  };

  it.each(cases.map((c, i) => ({ ...c, customerId: `refusal-${i}` })))('$name', async ({ customerId, given = [], when, then }) => {
    await registered(api.call, customerId);
    for (const [path, body] of given) {
      const response = await api.call('POST', `/v1/customers/${customerId}${path}`, body);
      expect({ path, status: response.status, body: response.body }).toMatchObject({ path, status: 201 });
    }
    const before = await etagOf(customerId);
    const response = await api.call('POST', `/v1/customers/${customerId}${when[0]}`, when[1]);
    if (then.status === 200) {
      expect({ status: response.status, body: response.body }).toMatchObject({ status: 200, body: { customerId, events: [] } });
      expect(response.headers.get('etag')).toBe(before);
    } else {
      expectProblem(response, then);
    }
    expect(await etagOf(customerId)).toBe(before);
  });

  describe('registration', () => {
    it.each(['auditor', 'analyst', 'integrator'] as const)('refuses a registration by an %s with 403, registering nothing', async (role) => {
      const customerId = `registered-by-${role}`;
      const response = await (await api.as(role))('POST', '/v1/customers', { customerId, kind: 'organization', name: 'X' });
      expectProblem(response, { status: 403, code: 'forbidden' });
      expect((await api.call('GET', `/v1/customers/${customerId}`)).status).toBe(404);
    });

    it('answers an identical retry of a registration 200 with no events and the same ETag', async () => {
      const registration = { customerId: 'registered-twice', kind: 'organization', name: '深圳华强电子有限公司', region: 'Guangdong' };
      const first = await api.call('POST', '/v1/customers', registration);
      expect(first.status).toBe(201);
      const retry = await api.call('POST', '/v1/customers', registration);
      expect(retry.status).toBe(200);
      expect(retry.body).toEqual({ customerId: 'registered-twice', streamVersion: 0, events: [] });
      expect(retry.headers.get('etag')).toBe(first.headers.get('etag'));
      expect(retry.headers.get('location')).toBe('/v1/customers/registered-twice');
      expect(await etagOf('registered-twice')).toBe('"0"');
    });

    it('refuses an ownership for a person with 422 customer.ownership_requires_organization, registering nothing', async () => {
      const response = await api.call('POST', '/v1/customers', { customerId: 'person-with-ownership', kind: 'person', name: '王芳', ownership: 'private' });
      expectProblem(response, brokenRule('customer.ownership_requires_organization', 'ownership'));
      expect((await api.call('GET', '/v1/customers/person-with-ownership')).status).toBe(404);
    });
  });

  it('refuses a malformed customer id in a read with 400 naming id', async () => {
    expectProblem(await api.call('GET', '/v1/customers/bad%20id'), invalid('id'));
  });

  it('refuses API key management without a key with 401, and an unknown field with 400', async () => {
    const anonymous = api.withAuthorization(undefined);
    const issue = await anonymous('POST', '/v1/api-keys', { name: 'till-1', role: 'writer' });
    expectProblem(issue, { status: 401, code: 'unauthorized' });
    expect(issue.headers.get('www-authenticate')).toBe('Bearer');
    const revoke = await anonymous('DELETE', '/v1/api-keys/00000000-0000-4000-8000-000000000000');
    expectProblem(revoke, { status: 401, code: 'unauthorized' });
    expectProblem(await api.call('POST', '/v1/api-keys', { name: 'till-1', role: 'writer', scope: 'all' }), invalid('scope'));
    const keys = (await api.call('GET', '/v1/api-keys')).body.keys as { name: string }[];
    expect(keys.map((k) => k.name)).not.toContain('till-1');
  });
});
