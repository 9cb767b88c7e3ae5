import { customerEventTypes } from '../event-catalogue';
import { customerId } from '../testing/customer-fixtures';
import { expectView, foldView, fullHistory, registeredHistory, registeredView } from '../testing/customer-history';
import type { ViewedEvent } from './customer-view';
import { evolveCustomerView, initialCustomerView } from './evolve-customer-view';

const everyEvent = () =>
  fullHistory()
    .at('2024-04-01T09:00:00.000Z', { type: 'EraseContact', data: { contactId: 'ct-li', basis: 'data-subject-request' } })
    .at('2024-04-02T09:00:00.000Z', { type: 'EraseCustomer', data: { basis: 'legal-obligation' } }).events;

describe('folding the customer view', () => {
  it('is exercised here with every event type the deciders emit', () => {
    expect(new Set(everyEvent().map((event) => event.type))).toStrictEqual(new Set(customerEventTypes));
  });

  it('starts from nothing', () => {
    expect(initialCustomerView()).toBeNull();
  });

  it('gives the same view, to the byte, however often it is folded', () => {
    const views = [foldView(fullHistory().events), foldView(fullHistory().events)];
    expect(JSON.stringify(views[0])).toBe(JSON.stringify(views[1]));
  });

  it('gives plain JSON after every event, which survives a round trip unchanged', () => {
    const events = everyEvent();
    let view = initialCustomerView();
    for (const event of events) {
      view = evolveCustomerView(view, event);
      expect(JSON.parse(JSON.stringify(view))).toStrictEqual(view);
    }
  });

  it('reads no clock: the same events give the same view at any time of folding', () => {
    jest.useFakeTimers();
    try {
      jest.setSystemTime(new Date('2020-01-01T00:00:00Z'));
      const before = JSON.stringify(foldView(everyEvent()));
      jest.setSystemTime(new Date('2030-06-15T12:00:00Z'));
      expect(JSON.stringify(foldView(everyEvent()))).toBe(before);
    } finally {
      jest.useRealTimers();
    }
  });

  it('reads nothing of the envelope but type, data, version and business time', () => {
    const events = fullHistory().events;
    const enveloped = events.map((event, i): ViewedEvent => {
      // As the event store returns it; held in a variable, since a literal may not carry more than the type names.
      const stored = {
        ...event,
        position: 1_000 + i,
        eventId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        streamId: `customer-${customerId}`,
        schemaVersion: 1,
        metadata: { ...event.metadata, actor: `user-${i}`, correlationId: 'corr-1' },
        recordedAt: `2025-01-01T00:00:${String(i).padStart(2, '0')}.000Z`,
      };
      return stored;
    });
    expect(JSON.stringify(foldView(enveloped))).toBe(JSON.stringify(foldView(events)));
  });

  it('gives, for every prefix of the stream, the view as of that version', () => {
    const events = everyEvent();
    let view = initialCustomerView();
    for (const [version, event] of events.entries()) {
      view = evolveCustomerView(view, event);
      expect(foldView(events.slice(0, version + 1))).toStrictEqual(view);
      expect(view?.streamVersion).toBe(version);
    }
  });

  it('skips an event of an unknown type, counting only its version and time', () => {
    const unknown: ViewedEvent = {
      type: 'LoyaltyCardIssued',
      data: { cardNo: 'L-1' },
      streamVersion: 1,
      metadata: { occurredAt: '2024-03-05T09:00:00.000Z' },
    };
    expectView([...registeredHistory().events, unknown], {
      ...registeredView,
      lastEventAt: '2024-03-05T09:00:00.000Z',
      streamVersion: 1,
    });
    expectView([{ ...unknown, streamVersion: 0 }], null);
  });

  it('changes nothing but the version for a second registration, which the deciders never emit', () => {
    const [registration] = registeredHistory().events;
    expectView([registration, { ...registration, streamVersion: 1 }], { ...registeredView, streamVersion: 1 });
  });
});
