import type { RecordedEvent } from '@crm/event-store';
import { messageOf, streamSubjects, subjectOf } from './event-message';

describe('the NATS message of an event', () => {
  it('has one subject per type and customer', () => {
    expect(subjectOf({ type: 'CustomerRegistered', streamId: 'customer-0b7c3d9e-1f2a-4b5c-8d6e-7f8091a2b3c4' })).toBe(
      'crm.events.CustomerRegistered.0b7c3d9e-1f2a-4b5c-8d6e-7f8091a2b3c4',
    );
    expect(subjectOf({ type: 'OrderPlaced', streamId: 'customer-acme_01' })).toBe('crm.events.OrderPlaced.acme_01');
  });

  it('keeps every token valid whatever the stream or type is called', () => {
    expect(subjectOf({ type: 'Odd.Type *', streamId: 'orders.>' })).toBe('crm.events.Odd_Type__.orders__');
    expect(subjectOf({ type: 'Registered', streamId: 'customer-' })).toBe('crm.events.Registered._');
  });

  it("names every subject of one stream's events with one wildcard, the type's", () => {
    expect(streamSubjects('customer-acme.01')).toBe('crm.events.*.acme_01');
    expect(subjectOf({ type: 'NoteAdded', streamId: 'customer-acme.01' }).replace('NoteAdded', '*')).toBe(streamSubjects('customer-acme.01'));
  });

  it('carries the envelope as JSON and its position in a header', () => {
    const event: RecordedEvent = {
      position: 42,
      eventId: '6f1c1a52-7a0e-4d0b-9a59-2b9d3f8e5c11',
      streamId: 'customer-c1',
      streamVersion: 3,
      type: 'NoteAdded',
      schemaVersion: 1,
      data: { text: 'hi' },
      metadata: { actor: 'u1', occurredAt: '2024-01-01T00:00:00.000Z' },
      recordedAt: '2024-01-01T00:00:00.001Z',
    };
    const message = messageOf(event);
    expect(JSON.parse(Buffer.from(message.body).toString())).toEqual(event);
    expect(message.headers.get('Crm-Position')).toBe('42');
    expect(messageOf(event, 57).headers.get('Crm-Position')).toBe('57'); // published again, before the erasure at 58
  });
});
