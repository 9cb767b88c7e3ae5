import { setTimeout as sleep } from 'node:timers/promises';
import { roles, SQL_CLIENT } from '@crm/api';
import type { SqlClient } from '@crm/event-store';
import type { AuditEntry as Entry } from '@crm/projections';
import { startApi, type Call, type TestApi } from '../support/api';

/** What a write's answer says of its one event: what the audit entry must repeat. */
interface Written {
  position: number;
  eventId: string;
  correlationId: string;
  recordedAt: string;
}


/** One millisecond later, in the form the service answers. */
const plus1ms = (instant: string) => new Date(Date.parse(instant) + 1).toISOString();

/**
 * The audit trail over HTTP: two front desks with their own API keys record facts in turn;
 * every expectation below is worked out by hand from the seven writes of `beforeAll`.
 */
describe('the audit trail (PostgreSQL)', () => {
  let api: TestApi;
  let auditor: Call;
  let alice: Call;
  let bob: Call;
  /** The entries of writes 1-7, as the trail must answer them. */
  let e: Entry[];

  beforeAll(async () => {
    api = await startApi();
    const keyFor = async (name: string) => {
      const issued = await api.call('POST', '/v1/api-keys', { name, role: 'writer' });
      if (issued.status !== 201) throw new Error(`${name}: ${issued.status} ${issued.text}`);
      return api.withAuthorization(`Bearer ${issued.body.key}`);
    };
    alice = await keyFor('desk-alice');
    bob = await keyFor('desk-bob');
    auditor = await api.as('auditor');

    const written: Written[] = [];
    const write = async (as: Call, path: string, body: Record<string, unknown>, headers?: Record<string, string>) => {
      // Apart by a few milliseconds, so that each write has a recording time of its own for the window's edges.
      await sleep(4);
      const answer = await as('POST', path, body, headers);
      if (answer.status !== 201 || answer.body.events.length !== 1) throw new Error(`${path}: ${answer.status} ${answer.text}`);
      const [event] = answer.body.events;
      written.push({ position: event.position, eventId: event.eventId, correlationId: event.metadata.correlationId, recordedAt: event.recordedAt });
      return event;
    };
    await write(alice, '/v1/customers', { customerId: 'au-1', kind: 'organization', name: '华信商贸', occurredAt: '2024-03-01T08:00:00.000Z' });
    await write(bob, '/v1/customers', { customerId: 'au-2', kind: 'person', name: 'Li Lei', occurredAt: '2024-03-02T08:00:00.000Z' });
    const visit = await write(
      alice,
      '/v1/customers/au-1/interactions',
      { channel: 'visit', direction: 'outbound', purpose: 'sales', summary: 'Discussed the spring order', occurredAt: '2024-03-03T09:30:00.000Z' },
      { 'x-correlation-id': 'visit-plan-42', 'x-causation-id': 'crm-task-7' },
    );
    await write(bob, '/v1/customers/au-1/star-rating', { stars: 4, occurredAt: '2024-03-04T10:00:00.000Z' });
    await write(alice, '/v1/customers/au-2/complaints', {
      complaintId: 'cp-1', category: 'delivery', severity: 'high', channel: 'call', description: 'Parcel opened', receivedBy: 'agent-wu', occurredAt: '2024-03-05T11:00:00.000Z',
    });
    await write(bob, '/v1/customers/au-2/purchases', {
      orderId: 'SO-1', currency: 'CNY', lines: [{ sku: 'NB-1', category: 'notebooks', quantity: 1, unitPriceMinor: 599_900 }], occurredAt: '2024-03-06T12:00:00.000Z',
    });
    await write(alice, '/v1/customers/au-2/star-rating', { stars: 2, occurredAt: '2024-03-07T13:00:00.000Z' });
    for (let i = 1; i < written.length; i++) {
      if (!(written[i].recordedAt > written[i - 1].recordedAt)) throw new Error(`writes ${i} and ${i + 1} share a recording time`);
    }
    // The envelope carries who and which request, as the trail will.
    expect(visit.metadata).toMatchObject({ actor: 'desk-alice', correlationId: 'visit-plan-42', causationId: 'crm-task-7' });

    const entry = (w: number, customerId: string, streamVersion: number, type: string, actor: string, occurredAt: string, ids: Partial<Entry> = {}): Entry => ({
      position: written[w - 1].position,
      eventId: written[w - 1].eventId,
      customerId,
      streamVersion,
      type,
      actor,
      correlationId: written[w - 1].correlationId,
      causationId: null,
      occurredAt,
      recordedAt: written[w - 1].recordedAt,
      ...ids,
    });
    e = [
      entry(1, 'au-1', 0, 'CustomerRegistered', 'desk-alice', '2024-03-01T08:00:00.000Z'),
      entry(2, 'au-2', 0, 'CustomerRegistered', 'desk-bob', '2024-03-02T08:00:00.000Z'),
      entry(3, 'au-1', 1, 'InteractionRecorded', 'desk-alice', '2024-03-03T09:30:00.000Z', { correlationId: 'visit-plan-42', causationId: 'crm-task-7' }),
      entry(4, 'au-1', 2, 'StarRated', 'desk-bob', '2024-03-04T10:00:00.000Z'),
      entry(5, 'au-2', 1, 'ComplaintFiled', 'desk-alice', '2024-03-05T11:00:00.000Z'),
      entry(6, 'au-2', 2, 'PurchaseRecorded', 'desk-bob', '2024-03-06T12:00:00.000Z'),
      entry(7, 'au-2', 3, 'StarRated', 'desk-alice', '2024-03-07T13:00:00.000Z'),
    ];
  });
  afterAll(() => api.close());

  const audit = (query = '') => auditor('GET', `/v1/audit${query}`);
  const entriesOf = async (query: string) => {
    const page = await audit(query);
    if (page.status !== 200) throw new Error(`${query}: ${page.status} ${page.text}`);
    return page.body.entries as Entry[];
  };
  const q = encodeURIComponent;

  it('lists what each actor recorded, in recording order, with the ids of its requests', async () => {
    // Read right after the writes: the answer waits for the trail to hold them.
    const alices = await audit('?actor=desk-alice');
    expect(alices.status).toBe(200);
    expect(alices.body).toEqual({ entries: [e[0], e[2], e[4], e[6]], next: null });
    expect(e[2].correlationId).toBe('visit-plan-42');
    expect(e[0].correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await entriesOf('?actor=desk-bob')).toEqual([e[1], e[3], e[5]]);
    expect(await entriesOf('')).toEqual(e);
    expect(await entriesOf('?actor=nobody')).toEqual([]);
    // The history shows the same who and which request.
    const history = await api.call('GET', '/v1/customers/au-1/history?types=InteractionRecorded');
    expect(history.body.entries[0]).toMatchObject({ actor: 'desk-alice', correlationId: 'visit-plan-42', causationId: 'crm-task-7' });
  });

  it('pages across pages with a cursor that carries the filter', async () => {
    const first = await audit('?actor=desk-alice&limit=3');
    expect(first.body.entries).toEqual([e[0], e[2], e[4]]);
    expect(first.body.next).toEqual(expect.any(String));
    const last = await audit(`?actor=desk-alice&limit=3&cursor=${first.body.next}`);
    expect(last.body).toEqual({ entries: [e[6]], next: null });

    // A last page that is full has no next either.
    const half = await audit('?actor=desk-alice&limit=2');
    expect(half.body.entries).toEqual([e[0], e[2]]);
    expect((await audit(`?actor=desk-alice&limit=2&cursor=${half.body.next}`)).body).toEqual({ entries: [e[4], e[6]], next: null });

    // Everybody's, two at a time; the page size may change from page to page.
    const pages: Entry[][] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { entries: Entry[]; next: string | null } } = await audit(`?limit=${pages.length === 0 ? 1 : 2}${cursor ? `&cursor=${cursor}` : ''}`);
      pages.push(page.body.entries);
      cursor = page.body.next;
    } while (cursor !== null);
    expect(pages).toEqual([[e[0]], [e[1], e[2]], [e[3], e[4]], [e[5], e[6]]]);

    // Another filter with the cursor is refused, naming what differs; the same types in another order are the same filter.
    for (const [query, differs] of [
      ['?actor=desk-bob', 'actor'],
      ['', 'actor'],
      [`?actor=desk-alice&from=${q(e[0].recordedAt)}`, 'from'],
      ['?actor=desk-alice&types=StarRated', 'types'],
    ]) {
      const refused = await audit(`${query}${query ? '&' : '?'}cursor=${first.body.next}`);
      expect({ query, status: refused.status, errors: refused.body.errors }).toEqual({
        query,
        status: 400,
        errors: [{ path: 'cursor', message: expect.stringContaining(`another ${differs}`) }],
      });
    }
    const typed = await audit('?types=StarRated,ComplaintFiled&limit=1');
    expect((await audit(`?types=ComplaintFiled,StarRated&cursor=${typed.body.next}`)).body.entries).toEqual([e[4], e[6]]);
  });

  it('windows recording times: from inclusive, to exclusive, exactly at the edges', async () => {
    const window = (from: string, to: string, more = '') => entriesOf(`?from=${q(from)}&to=${q(to)}${more}`);
    expect(await window(e[2].recordedAt, e[5].recordedAt)).toEqual([e[2], e[3], e[4]]);
    expect(await window(plus1ms(e[2].recordedAt), e[5].recordedAt)).toEqual([e[3], e[4]]);
    expect(await window(e[2].recordedAt, plus1ms(e[5].recordedAt))).toEqual([e[2], e[3], e[4], e[5]]);
    expect(await window(e[2].recordedAt, plus1ms(e[2].recordedAt))).toEqual([e[2]]);
    expect(await window(e[2].recordedAt, e[5].recordedAt, '&actor=desk-bob')).toEqual([e[3]]);
    // The same instant in another zone, and with a finer fraction than the recording times have.
    const at = new Date(Date.parse(e[2].recordedAt) + 8 * 3_600_000).toISOString().replace('Z', '+08:00');
    expect(await window(at, e[5].recordedAt)).toEqual([e[2], e[3], e[4]]);
    expect(await window(e[2].recordedAt.replace('Z', '000001Z'), e[5].recordedAt)).toEqual([e[3], e[4]]);
    expect(await window(e[2].recordedAt, e[5].recordedAt.replace('Z', '000001Z'))).toEqual([e[2], e[3], e[4], e[5]]);
    expect(await entriesOf(`?from=${q(e[5].recordedAt)}`)).toEqual([e[5], e[6]]);
    expect(await entriesOf(`?to=${q(e[1].recordedAt)}`)).toEqual([e[0]]);
  });

  it('filters by event types, alone and with an actor and a window', async () => {
    expect(await entriesOf('?types=StarRated,ComplaintFiled')).toEqual([e[3], e[4], e[6]]);
    expect(await entriesOf('?types=StarRated&actor=desk-alice')).toEqual([e[6]]);
    expect(await entriesOf(`?types=CustomerRegistered,CustomerRegistered&from=${q(e[1].recordedAt)}`)).toEqual([e[1]]);
    expect(await entriesOf('?types=CustomerErased')).toEqual([]);
  });

  it('answers a write at once', async () => {
    const written = await bob('POST', '/v1/customers/au-2/credit-rating', { grade: 'AA', occurredAt: '2024-03-08T08:00:00.000Z' });
    expect(written.status).toBe(201);
    const [event] = written.body.events;
    expect(await entriesOf(`?actor=desk-bob&from=${q(event.recordedAt)}`)).toEqual([
      {
        position: event.position, eventId: event.eventId, customerId: 'au-2', streamVersion: 4, type: 'CreditRated', actor: 'desk-bob',
        correlationId: event.metadata.correlationId, causationId: null, occurredAt: '2024-03-08T08:00:00.000Z', recordedAt: event.recordedAt,
      },
    ]);
  });

  it('keeps an erased customer’s entries, which a rebuild after the erasure makes again the same', async () => {
    const erased = await api.call('POST', '/v1/customers/au-1/erasure', { basis: 'data-subject-request', occurredAt: '2024-03-09T08:00:00.000Z' });
    expect(erased.status).toBe(201);
    expect((await api.call('GET', '/v1/customers/au-1/history')).status).toBe(410);
    const trail = (await entriesOf('?limit=1000')).filter((entry) => entry.customerId === 'au-1');
    expect(trail).toEqual([
      e[0], e[2], e[3],
      expect.objectContaining({ position: erased.body.events[0].position, streamVersion: 3, type: 'CustomerErased', actor: 'admin', occurredAt: '2024-03-09T08:00:00.000Z' }),
    ]);

    const db = api.app.get<SqlClient>(SQL_CLIENT);
    const dump = () => db.query('select * from crm_read.audit_entries order by position');
    const live = await dump();
    expect(JSON.stringify(live)).not.toMatch(/华信商贸|Discussed the spring order/);
    const rebuild = await api.call('POST', '/v1/projections/audit_trail/rebuild');
    expect(rebuild.status).toBe(202);
    const generation = Number(rebuild.body.rebuildId.split('.')[1]);
    for (let i = 0; ; i++) {
      const [row] = await db.query<{ status: string }>(`select status from crm_projection_generations where name = 'audit_trail' and generation = $1`, [generation]);
      if (row?.status === 'active') break;
      if (i > 500) throw new Error(`the rebuild did not finish: ${row?.status}`);
      await sleep(20);
    }
    expect(await dump()).toEqual(live);
  });

  it('lets auditors and admins read it; writers, analysts and integrators get 403', async () => {
    for (const role of roles) {
      const answer = await (await api.as(role))('GET', '/v1/audit?limit=1');
      const allowed = role === 'auditor' || role === 'admin';
      expect({ role, status: answer.status }).toEqual({ role, status: allowed ? 200 : 403 });
      if (!allowed) expect(answer.body.detail).toContain(role);
    }
  });

  it('refuses bad parameters with the parameter named', async () => {
    const at = '2024-03-01T08:00:00Z';
    for (const [query, path, says] of [
      ['?limit=0', 'limit', '1 to 1000'],
      ['?limit=1001', 'limit', '1 to 1000'],
      ['?limit=ten', 'limit', '1 to 1000'],
      ['?from=2024-03-01', 'from', 'RFC 3339'],
      ['?to=yesterday', 'to', 'RFC 3339'],
      [`?from=${at}&to=${at}`, 'to', 'later than from'],
      [`?from=${q('2024-03-01T16:00:00+08:00')}&to=${at}`, 'to', 'later than from'],
      [`?from=${at}&to=2024-02-29T08:00:00Z`, 'to', 'later than from'],
      ['?types=StarRated,Gossip', 'types', '"Gossip", which is no event type'],
      ['?types=', 'types', 'none of them empty'],
      ['?types=StarRated,,ComplaintFiled', 'types', 'none of them empty'],
      ['?actor=', 'actor', 'actor'],
      ['?actor=desk-alice&actor=desk-bob', 'actor', 'actor'],
      ['?actor=desk%00alice', 'actor', 'NUL'],
      ['?cursor=bm90LWEtY3Vyc29y', 'cursor', 'next of a previous page'],
      ['?cursor=a%2Bb', 'cursor', 'next of a previous page'],
      ['?verbose=1', 'verbose', 'verbose'],
    ]) {
      const refused = await audit(query);
      expect({ query, status: refused.status, type: refused.headers.get('content-type') }).toEqual({ query, status: 400, type: expect.stringMatching(/^application\/problem\+json/) });
      const errors = refused.body.errors as { path: string; message: string }[];
      expect({ query, paths: [...new Set(errors.map((error) => error.path))] }).toEqual({ query, paths: [path] });
      expect({ query, errors }).toEqual({ query, errors: expect.arrayContaining([{ path, message: expect.stringContaining(says) }]) });
    }
    expect((await audit(`?from=${at}&to=${q('2024-03-01T08:00:00.001Z')}`)).status).toBe(200);
  });
});
