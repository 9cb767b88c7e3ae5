import type { RecordedEvent } from '@crm/event-store';
import { RecentlyRead } from './recently-read';

const event = (position: number, streamId: string, streamVersion: number): RecordedEvent => ({
  position,
  eventId: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
  streamId,
  streamVersion,
  type: 'Noted',
  schemaVersion: 1,
  data: {},
  metadata: { occurredAt: '2026-12-07T00:00:00.000Z' },
  recordedAt: '2026-12-07T00:00:00.000Z',
});

describe('the events a webhook read ahead lately', () => {
  it('gives each once, by position or as the next version of its stream', () => {
    const read = new RecentlyRead();
    read.add([event(1, 'customer-a', 0), event(2, 'customer-b', 0), event(3, 'customer-a', 1)], 0);
    expect(read.take(1, 10)?.position).toBe(1);
    expect(read.take(1, 10)).toBeUndefined();
    expect(read.takeNext(event(1, 'customer-a', 0), 10)?.position).toBe(3);
    expect(read.takeNext(event(1, 'customer-a', 0), 10)).toBeUndefined();
    expect(read.takeNext(event(3, 'customer-a', 1), 10)).toBeUndefined(); // not read (yet)
    expect(read.take(2, 10)?.position).toBe(2);
  });

  it('gives nothing read 1 s ago or more, and forgets it when more is read', () => {
    const read = new RecentlyRead();
    read.add([event(1, 'customer-a', 0), event(2, 'customer-a', 1)], 0);
    expect(read.take(1, 1000)).toBeUndefined();
    read.add([event(3, 'customer-a', 2)], 1000);
    expect(read.takeNext(event(1, 'customer-a', 0), 1000)).toBeUndefined(); // version 1 forgotten
    expect(read.takeNext(event(2, 'customer-a', 1), 1500)?.position).toBe(3);
  });
});
