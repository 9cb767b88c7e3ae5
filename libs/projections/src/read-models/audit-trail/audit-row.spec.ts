import type { RecordedEvent } from '@crm/event-store';
import { auditRowOf } from './audit-row';

const event = (overrides: Partial<RecordedEvent> = {}): RecordedEvent => ({
  position: 41,
  eventId: '0b6f6a52-5d1e-4c59-9a43-3f7f1d6c2e10',
  streamId: 'customer-c-yigao-hz-001',
  streamVersion: 3,
  type: 'ComplaintFiled',
  schemaVersion: 1,
  data: { complaintId: 'cp-1', description: 'Forty notebooks late', receivedBy: 'agent-wu' },
  metadata: { actor: 'front-desk-shenzhen', correlationId: 'visit-plan-42', causationId: 'crm-task-7', occurredAt: '2024-02-03T10:00:00.000Z' },
  recordedAt: '2024-02-03T10:00:05.123Z',
  ...overrides,
});

describe('the audit row of an event', () => {
  it('says who recorded which event of which customer, when and in which request, and nothing of its data', () => {
    expect(auditRowOf(event())).toStrictEqual({
      position: 41,
      event_id: '0b6f6a52-5d1e-4c59-9a43-3f7f1d6c2e10',
      stream_id: 'customer-c-yigao-hz-001',
      customer_id: 'c-yigao-hz-001',
      stream_version: 3,
      type: 'ComplaintFiled',
      actor: 'front-desk-shenzhen',
      correlation_id: 'visit-plan-42',
      causation_id: 'crm-task-7',
      occurred_at: '2024-02-03T10:00:00.000Z',
      recorded_at: '2024-02-03T10:00:05.123Z',
    });
  });

  it('keeps an event of a type this version does not know', () => {
    expect(auditRowOf(event({ type: 'LoyaltyCardIssued', data: {} }))).toMatchObject({ type: 'LoyaltyCardIssued', customer_id: 'c-yigao-hz-001' });
  });

  it('reads metadata left out, or of another kind than text (another system wrote it), as null', () => {
    const bare = auditRowOf(event({ metadata: { occurredAt: '2024-02-03T10:00:00.000Z' } }));
    expect(bare).toMatchObject({ actor: null, correlation_id: null, causation_id: null });
    const odd = auditRowOf(event({ metadata: { actor: 7 as unknown as string, correlationId: ['a'] as unknown as string, causationId: null as unknown as string, occurredAt: '2024-02-03T10:00:00.000Z' } }));
    expect(odd).toMatchObject({ actor: null, correlation_id: null, causation_id: null });
  });

  it('has no row for an event outside the customers’ streams', () => {
    expect(auditRowOf(event({ streamId: 'checkpoints' }))).toBeUndefined();
  });
});
