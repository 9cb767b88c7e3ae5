import { createCustomerDecider } from '../customer-decider';
import { given } from '../shared/specification';
import { complaintFiled, filedAt, registered } from '../testing/customer-fixtures';
import { complaintSlaPolicy, defaultComplaintSlaHours } from './sla';

describe('the complaint SLA policy', () => {
  it('defaults to critical 4 h, high 24 h, medium 72 h, low 168 h', () => {
    expect(complaintSlaPolicy()).toStrictEqual({ critical: 4, high: 24, medium: 72, low: 168 });
    expect(complaintSlaPolicy()).toStrictEqual(defaultComplaintSlaHours);
  });

  it('overrides the severities named and keeps the others', () => {
    expect(complaintSlaPolicy({ critical: 2, low: 120 })).toStrictEqual({ critical: 2, high: 24, medium: 72, low: 120 });
  });

  it.each([0, -4, Number.POSITIVE_INFINITY, Number.NaN])('refuses %p hours', (hours) => {
    expect(() => complaintSlaPolicy({ medium: hours })).toThrow(RangeError);
  });

  it("sets each filing's due time in a decider made with it, fractions of hours included", () => {
    const decider = createCustomerDecider({ complaintSlaHours: { high: 1.5 } });
    given(decider, [registered])
      .when({
        type: 'FileComplaint',
        data: {
          complaintId: 'k-1',
          category: 'delivery',
          severity: 'high',
          channel: 'call',
          description: 'Two pallets of notebooks arrived a week late.',
          receivedBy: 'agent-wang',
        },
      }, { occurredAt: filedAt })
      .then([complaintFiled('k-1', { dueAt: '2024-03-01T10:30:00.000Z' })]);
  });
});
