import type { JsonObject, RecordedEvent } from '@crm/event-store';
import { foldInC1Order } from './customer-view-as-of';

/** A stored event of customer `c1` as the store reads it back. */
function stored(streamVersion: number, type: string, data: JsonObject, occurredAt: string, metadata: JsonObject = {}): RecordedEvent {
  return {
    position: 100 + streamVersion,
    eventId: `00000000-0000-4000-8000-${String(streamVersion).padStart(12, '0')}`,
    streamId: 'customer-c1',
    streamVersion,
    type,
    schemaVersion: 1,
    data,
    metadata: { ...metadata, occurredAt },
    recordedAt: '2024-06-01T00:00:00.000Z',
  };
}

const registration = stored(0, 'CustomerRegistered', { customerId: 'c1', kind: 'organization', name: '审计商行' }, '2024-01-01T00:00:00.000Z');

describe('folding a customer stream in C1 order (business time, then stream version)', () => {
  it('folds a back-dated fact where it belongs in business time, not where it was recorded', () => {
    const rated = stored(1, 'StarRated', { stars: 4 }, '2024-02-15T00:00:00.000Z');
    const backDated = stored(2, 'StarRated', { stars: 2 }, '2024-01-05T00:00:00.000Z');
    const { view } = foldInC1Order([registration, rated, backDated]);
    expect(view).toMatchObject({ starRating: { stars: 4, at: '2024-02-15T00:00:00.000Z' }, lastEventAt: '2024-02-15T00:00:00.000Z', streamVersion: 1 });
  });

  it('breaks a tie in business time by stream version: the later recorded fact wins', () => {
    const first = stored(1, 'CreditRated', { grade: 'C' }, '2024-03-01T00:00:00.000Z');
    const correction = stored(2, 'CreditRated', { grade: 'B' }, '2024-03-01T08:00:00+08:00');
    expect(foldInC1Order([registration, first, correction]).view).toMatchObject({ creditRating: { grade: 'B' }, streamVersion: 2 });
    expect(foldInC1Order([correction, first, registration]).view).toMatchObject({ creditRating: { grade: 'B' }, streamVersion: 2 });
  });

  it('compares business times as instants, whatever their zone offsets', () => {
    const late = stored(1, 'AccountManagerAssigned', { managerId: 'am-2' }, '2024-01-31T23:30:00Z');
    const early = stored(2, 'AccountManagerAssigned', { managerId: 'am-1' }, '2024-02-01T07:00:00+08:00');
    // 07:00 at +08:00 is 23:00 the day before in UTC: am-1 was assigned first, although recorded later and written as a later day.
    expect(foldInC1Order([registration, late, early]).view).toMatchObject({ accountManager: { managerId: 'am-2' } });
  });

  it('drops a fact that happened before the registration: there was no customer yet', () => {
    const beforeRegistration = stored(1, 'StarRated', { stars: 5 }, '2023-12-01T00:00:00.000Z');
    expect(foldInC1Order([registration, beforeRegistration]).view).toMatchObject({ starRating: null });
  });

  it('answers the highest stream version folded and its position, not those of the event folded last', () => {
    const backDated = stored(1, 'StarRated', { stars: 2 }, '2024-01-05T00:00:00.000Z');
    const later = stored(2, 'StarRated', { stars: 3 }, '2024-01-03T00:00:00.000Z');
    const folded = foldInC1Order([registration, backDated, later]);
    expect({ streamVersion: folded.streamVersion, position: folded.position, viewVersion: folded.view?.streamVersion }).toEqual({ streamVersion: 2, position: 102, viewVersion: 1 });
  });

  it('folds nothing into no customer: version -1, position 0', () => {
    expect(foldInC1Order([])).toEqual({ view: null, streamVersion: -1, position: 0, erasureFolded: false, personalDataErased: false });
  });

  it('says whether the erasure is among the events, even before the registration in business time', () => {
    const erasure = stored(1, 'CustomerErased', { basis: 'data-subject-request' }, '2023-06-01T00:00:00.000Z');
    const folded = foldInC1Order([registration, erasure]);
    expect({ erasureFolded: folded.erasureFolded, status: folded.view?.status }).toEqual({ erasureFolded: true, status: 'active' });
    expect(foldInC1Order([registration]).erasureFolded).toBe(false);
  });

  it('says whether personal fields read null because the stream was erased (the store names them in metadata.erased)', () => {
    const erasedName = stored(0, 'CustomerRegistered', { customerId: 'c1', kind: 'organization', name: null }, '2024-01-01T00:00:00.000Z', { erased: ['name'] });
    const folded = foldInC1Order([erasedName]);
    expect({ personalDataErased: folded.personalDataErased, name: folded.view?.name }).toEqual({ personalDataErased: true, name: null });
    expect(foldInC1Order([registration]).personalDataErased).toBe(false);
  });
});
