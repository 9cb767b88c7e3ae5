import { setTimeout as sleep } from 'node:timers/promises';
import { startApi, type ApiResponse, type Call, type TestApi } from '../support/api';

/**
 * The auditors' state (DESIGN.md §8) on a history made by hand. Customer AUD, each fact
 * recorded after the one above it (r0 < r1 < ... < r5, read from the writes' answers):
 *
 *   v0  registered, 审计商行             happened 2024-01-01
 *   v1  manager am-1                    happened 2024-02-01
 *   v2  credit rated C                  happened 2024-03-01
 *   v3  rated 4 stars                   happened 2024-02-15
 *   v4  manager am-2                    happened 2024-02-10  late-recorded correction: the hand-over
 *                                                            was on 10 February, recorded after March
 *   v5  rated 2 stars                   happened 2024-01-05  back-dated: recorded last, happened first
 *
 * Folded in business-time order (C1), the back-dated 2 stars come before the 4 of 15 February,
 * so every state from 15 February on shows 4 stars; the view's own streamVersion is the event
 * folded last in that order, the answer's the highest version folded.
 */
describe('GET /v1/customers/:id/state, as of a business time and a knowledge time (PostgreSQL)', () => {
  let api: TestApi;
  let auditor: Call;
  /** Recording time and position of each version of AUD, from the writes' answers. */
  const r: string[] = [];
  const p: number[] = [];
  const erl: { recordedAt: string; position: number }[] = [];

  const at = (day: string) => `${day}T00:00:00.000Z`;
  const msBefore = (instant: string) => new Date(Date.parse(instant) - 1).toISOString();

  beforeAll(async () => {
    api = await startApi();
    auditor = await api.as('auditor');
    const write = async (path: string, body: Record<string, unknown>, day: string) => {
      const answer = await api.call('POST', path, { ...body, occurredAt: `${day}T00:00:00Z` });
      if (answer.status !== 201) throw new Error(`${path}: ${answer.status} ${answer.text}`);
      // Each fact in a later millisecond of recording time than the one before, so that 1 ms before it is after the one before.
      await sleep(5);
      return answer.body.events[0] as { streamVersion: number; recordedAt: string; position: number };
    };
    const aud = async (path: string, body: Record<string, unknown>, day: string) => {
      const event = await write(`/v1/customers${path}`, body, day);
      r[event.streamVersion] = event.recordedAt;
      p[event.streamVersion] = event.position;
    };
    await aud('', { customerId: 'AUD', kind: 'organization', name: '审计商行' }, '2024-01-01');
    await aud('/AUD/account-manager', { managerId: 'am-1' }, '2024-02-01');
    await aud('/AUD/credit-rating', { grade: 'C' }, '2024-03-01');
    await aud('/AUD/star-rating', { stars: 4 }, '2024-02-15');
    await aud('/AUD/account-manager', { managerId: 'am-2' }, '2024-02-10');
    await aud('/AUD/star-rating', { stars: 2 }, '2024-01-05');
    // ERL: registered, a contact and a rating, then erased on 1 April.
    erl.push(await write('/v1/customers', { customerId: 'ERL', kind: 'person', name: '李女士' }, '2024-01-01'));
    erl.push(await write('/v1/customers/ERL/contacts', { contactId: 'ct-1', name: '王秘书', level: 'staff', role: 'user' }, '2024-01-02'));
    erl.push(await write('/v1/customers/ERL/star-rating', { stars: 5 }, '2024-02-01'));
    erl.push(await write('/v1/customers/ERL/erasure', { basis: 'data-subject-request' }, '2024-04-01'));
  });
  afterAll(() => api.close());

  const state = (id: string, query = '') => auditor('GET', `/v1/customers/${id}/state${query ? `?${query}` : ''}`);

  /** What differs between AUD's states: the bounds echoed, where the cut ends, and the facts the history moves. */
  const seen = ({ status, body }: ApiResponse) => ({
    status,
    streamVersion: body.streamVersion,
    position: body.position,
    asOf: body.asOf,
    knownAt: body.knownAt,
    personalDataErased: body.personalDataErased,
    manager: body.state.accountManager,
    stars: body.state.starRating,
    credit: body.state.creditRating,
    lastEventAt: body.state.lastEventAt,
    foldedLast: body.state.streamVersion,
  });
  const fold = (streamVersion: number, facts: Pick<ReturnType<typeof seen>, 'manager' | 'stars' | 'credit' | 'lastEventAt' | 'foldedLast'>) => ({
    status: 200,
    streamVersion,
    position: p[streamVersion],
    personalDataErased: false,
    ...facts,
  });
  const am1 = { managerId: 'am-1', since: at('2024-02-01') };
  const am2 = { managerId: 'am-2', since: at('2024-02-10') };
  const twoStars = { stars: 2, at: at('2024-01-05') };
  const fourStars = { stars: 4, at: at('2024-02-15') };
  const gradeC = { grade: 'C', at: at('2024-03-01') };

  it('records the history one fact after another, each in its own millisecond', () => {
    expect(r.map(Date.parse).every((t, v) => v === 0 || t > Date.parse(r[v - 1]))).toBe(true);
  });

  it('by default folds everything as of now, known now: the back-dated rating lands before the one of 15 February', async () => {
    const before = new Date().toISOString();
    const answer = await state('AUD');
    const after = new Date().toISOString();
    expect(seen(answer)).toEqual({ ...fold(5, { manager: am2, stars: fourStars, credit: gradeC, lastEventAt: at('2024-03-01'), foldedLast: 2 }), asOf: answer.body.asOf, knownAt: answer.body.asOf });
    expect(answer.body.asOf >= before && answer.body.asOf <= after).toBe(true);
    expect(answer.body).toMatchObject({ customerId: 'AUD', state: { customerId: 'AUD', name: '审计商行', status: 'active' } });
    const view = await auditor('GET', '/v1/customers/AUD');
    expect(Object.keys(answer.body).sort()).toEqual(['asOf', 'customerId', 'knownAt', 'personalDataErased', 'position', 'state', 'streamVersion']);
    expect(Object.keys(answer.body.state).sort()).toEqual(Object.keys(view.body).sort());
  });

  it('as of a business time: what had happened by then, as known now', async () => {
    const answer = await state('AUD', 'asOf=2024-02-12T00:00:00Z');
    expect(seen(answer)).toEqual({
      ...fold(5, { manager: am2, stars: twoStars, credit: null, lastEventAt: at('2024-02-10'), foldedLast: 4 }),
      asOf: at('2024-02-12'),
      knownAt: answer.body.knownAt,
    });
    expect(Date.parse(answer.body.knownAt)).toBeGreaterThan(Date.parse(r[5]));
  });

  it('known at a recording time: what the system had recorded by then, about now', async () => {
    const answer = await state('AUD', `knownAt=${r[3]}`);
    expect(seen(answer)).toEqual({
      ...fold(3, { manager: am1, stars: fourStars, credit: gradeC, lastEventAt: at('2024-03-01'), foldedLast: 2 }),
      asOf: answer.body.asOf,
      knownAt: r[3],
    });
  });

  it('both: what the system knew at r3, and at r4, about 12 February (the correction is known from r4 on)', async () => {
    expect(seen(await state('AUD', `asOf=2024-02-12T00:00:00Z&knownAt=${r[3]}`))).toEqual({
      ...fold(1, { manager: am1, stars: null, credit: null, lastEventAt: at('2024-02-01'), foldedLast: 1 }),
      asOf: at('2024-02-12'),
      knownAt: r[3],
    });
    expect(seen(await state('AUD', `asOf=2024-02-12T00:00:00Z&knownAt=${r[4]}`))).toEqual({
      ...fold(4, { manager: am2, stars: null, credit: null, lastEventAt: at('2024-02-10'), foldedLast: 4 }),
      asOf: at('2024-02-12'),
      knownAt: r[4],
    });
  });

  it('up to a stream version, folded in business-time order', async () => {
    const answer = await state('AUD', 'version=4');
    expect(seen(answer)).toEqual({
      ...fold(4, { manager: am2, stars: fourStars, credit: gradeC, lastEventAt: at('2024-03-01'), foldedLast: 2 }),
      asOf: answer.body.asOf,
      knownAt: answer.body.knownAt,
    });
  });

  it('up to a version and as of a business time; streamVersion is the highest version folded, at most the one asked', async () => {
    const upTo4 = await state('AUD', 'version=4&asOf=2024-02-20T00:00:00Z');
    expect(seen(upTo4)).toEqual({
      ...fold(4, { manager: am2, stars: fourStars, credit: null, lastEventAt: at('2024-02-15'), foldedLast: 3 }),
      asOf: at('2024-02-20'),
      knownAt: upTo4.body.knownAt,
    });
    // v2 happened on 1 March: up to version 2 as of 20 February, v1 is the highest there is.
    const upTo2 = await state('AUD', 'version=2&asOf=2024-02-20T00:00:00Z');
    expect(seen(upTo2)).toEqual({
      ...fold(1, { manager: am1, stars: null, credit: null, lastEventAt: at('2024-02-01'), foldedLast: 1 }),
      asOf: at('2024-02-20'),
      knownAt: upTo2.body.knownAt,
    });
    expect((await state('AUD', 'version=2147483647')).body.streamVersion).toBe(5);
  });

  it('includes an event exactly at its business time and its recording time, and not 1 ms before either', async () => {
    const atCorrection = await state('AUD', `asOf=${encodeURIComponent('2024-02-10T08:00:00+08:00')}`);
    expect(seen(atCorrection)).toEqual({
      ...fold(5, { manager: am2, stars: twoStars, credit: null, lastEventAt: at('2024-02-10'), foldedLast: 4 }),
      asOf: at('2024-02-10'),
      knownAt: atCorrection.body.knownAt,
    });
    const justBefore = await state('AUD', 'asOf=2024-02-09T23:59:59.999Z');
    expect(seen(justBefore)).toEqual({
      ...fold(5, { manager: am1, stars: twoStars, credit: null, lastEventAt: at('2024-02-01'), foldedLast: 1 }),
      asOf: '2024-02-09T23:59:59.999Z',
      knownAt: justBefore.body.knownAt,
    });
    const knownAtCorrection = await state('AUD', `knownAt=${r[4]}`);
    expect(seen(knownAtCorrection)).toMatchObject({ streamVersion: 4, manager: am2, stars: fourStars, knownAt: r[4] });
    const knownJustBefore = await state('AUD', `knownAt=${msBefore(r[4])}`);
    expect(seen(knownJustBefore)).toMatchObject({ streamVersion: 3, manager: am1, stars: fourStars, knownAt: msBefore(r[4]) });
  });

  it('answers 400 with the field path for a malformed instant or version and for an unknown parameter', async () => {
    const refused: [string, string][] = [
      ['asOf=2024-01-01', 'asOf'],
      ['asOf=2024-01-01T00:00:00', 'asOf'],
      ['knownAt=2024-02-30T00:00:00Z', 'knownAt'],
      ['knownAt=', 'knownAt'],
      ['version=-1', 'version'],
      ['version=1.5', 'version'],
      ['version=two', 'version'],
      ['version=01', 'version'],
      ['version=2147483648', 'version'],
      ['version=1&version=2', 'version'],
      ['at=2024-01-01T00:00:00Z', 'at'],
    ];
    for (const [query, path] of refused) {
      const answer = await state('AUD', query);
      expect({ query, status: answer.status, code: answer.body.code, paths: answer.body.errors?.map((e: { path: string }) => e.path) }).toEqual({ query, status: 400, code: 'invalid-request', paths: [path] });
      expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
  });

  it('answers 404 for an unknown customer, and says so when the customer was not yet registered within the bounds', async () => {
    const unknown = await state('nobody');
    expect(unknown).toMatchObject({ status: 404, body: { code: 'customer-not-found', detail: 'There is no customer nobody.' } });
    const early = await state('AUD', 'asOf=2023-12-31T23:59:59.999Z');
    expect(early).toMatchObject({ status: 404, body: { code: 'customer-not-found' } });
    expect(early.body.detail).toMatch(/^Customer AUD was not yet registered as of 2023-12-31T23:59:59\.999Z as known at /);
    const unknownThen = await state('AUD', `knownAt=${msBefore(r[0])}`);
    expect(unknownThen).toMatchObject({ status: 404, body: { code: 'customer-not-found' } });
    expect(unknownThen.body.detail).toContain(`as known at ${msBefore(r[0])}`);
    expect((await state('AUD', `asOf=${r[0]}&knownAt=${r[0]}&version=0`)).status).toBe(200);
  });

  it('before an erasure that came later: the personal fields read null and personalDataErased says so', async () => {
    const asOfMarch = await state('ERL', 'asOf=2024-03-01T00:00:00Z');
    expect(asOfMarch.status).toBe(200);
    expect(asOfMarch.body).toMatchObject({
      customerId: 'ERL',
      streamVersion: 2,
      position: erl[2].position,
      personalDataErased: true,
      state: { status: 'active', name: null, starRating: { stars: 5 }, contacts: [{ contactId: 'ct-1', name: null, level: 'staff' }] },
    });
    const knownBefore = await state('ERL', `knownAt=${erl[2].recordedAt}`);
    expect(knownBefore.body).toMatchObject({ streamVersion: 2, personalDataErased: true, state: { name: null } });
    expect((await state('AUD')).body.personalDataErased).toBe(false);
  });

  it('answers 410 when the erasure is among the events folded, from its business time and its recording time on', async () => {
    for (const query of ['', 'asOf=2024-04-01T00:00:00Z', `knownAt=${erl[3].recordedAt}`, 'version=3']) {
      const answer = await state('ERL', query);
      expect({ query, status: answer.status, code: answer.body.code }).toEqual({ query, status: 410, code: 'customer-erased' });
    }
    expect((await state('ERL', `asOf=2024-04-01T00:00:00Z&knownAt=${msBefore(erl[3].recordedAt)}`)).status).toBe(200);
  });

  it('is read by the readers of the view, auditors among them, and not by integrators', async () => {
    for (const role of ['writer', 'auditor', 'analyst', 'integrator'] as const) {
      const answer = await (await api.as(role))('GET', '/v1/customers/AUD/state?version=0');
      expect({ role, status: answer.status }).toEqual({ role, status: role === 'integrator' ? 403 : 200 });
    }
  });
});
