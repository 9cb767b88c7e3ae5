/**
 * The complaint board's rules, every expectation worked out by hand from READ-MODELS §2 with
 * the default SLA (critical 4 h, high 24 h, medium 72 h, low 168 h).
 */
import type { ComplaintSeverity } from '@crm/domain';
import { toComplaintFact } from './complaint-facts';
import { type ComplaintFact, complaintAt, HOUR_MS, openBoard, resolutionCycles } from './complaint-rules';

const at = (iso: string): number => Date.parse(iso);
const filed = (iso: string, version: number, severity: ComplaintSeverity = 'high'): ComplaintFact => ({
  kind: 'filed',
  at: at(iso),
  version,
  severity,
  category: 'delivery',
  channel: 'call',
  receivedBy: 'agent-wang',
});
const step = (kind: 'acknowledged' | 'resolved' | 'reopened', iso: string, version: number): ComplaintFact => ({
  kind,
  at: at(iso),
  version,
});
const transferred = (to: string, iso: string, version: number): ComplaintFact => ({
  kind: 'transferred',
  to,
  at: at(iso),
  version,
});
const escalated = (to: string, iso: string, version: number): ComplaintFact => ({
  kind: 'escalated',
  to,
  at: at(iso),
  version,
});

describe('the SLA clock', () => {
  // High: 24 h from 2024-03-01T09:00Z, due 2024-03-02T09:00Z.
  const facts = [filed('2024-03-01T09:00:00Z', 1), step('acknowledged', '2024-03-01T09:30:00Z', 2)];
  const due = at('2024-03-02T09:00:00Z');

  it('is not breached exactly at the due time', () => {
    expect(complaintAt(facts, due)).toMatchObject({
      status: 'acknowledged',
      open: true,
      filedAt: at('2024-03-01T09:00:00Z'),
      dueAt: due,
      ageHours: 24,
      breached: false,
      overdueHours: 0,
    });
  });

  it('is breached 1 ms later, with 0 whole hours overdue', () => {
    expect(complaintAt(facts, due + 1)).toMatchObject({ breached: true, overdueHours: 0, ageHours: 24 });
  });

  it('counts whole hours overdue and of age: 2.5 h late is 2 h overdue, 26 h old', () => {
    expect(complaintAt(facts, due + 2.5 * HOUR_MS)).toMatchObject({ breached: true, overdueHours: 2, ageHours: 26 });
  });

  it('uses the SLA hours given, fractions included: critical at 1.5 h is due at 10:30', () => {
    const critical = [filed('2024-03-01T09:00:00Z', 1, 'critical')];
    const sla = { critical: 1.5, high: 24, medium: 72, low: 168 };
    expect(complaintAt(critical, at('2024-03-01T10:30:00Z'), sla)).toMatchObject({
      dueAt: at('2024-03-01T10:30:00Z'),
      breached: false,
    });
  });

  it('stops at the resolve: resolved 2.5 h late stays breached by 2 h, but is no longer open', () => {
    // Critical: due 13:00; resolved 15:30.
    const late = [filed('2024-03-01T09:00:00Z', 1, 'critical'), step('acknowledged', '2024-03-01T09:10:00Z', 2)];
    late.push(step('resolved', '2024-03-01T15:30:00Z', 3));
    expect(complaintAt(late, at('2024-03-05T00:00:00Z'))).toMatchObject({
      status: 'resolved',
      open: false,
      breached: true,
      overdueHours: 2,
    });
  });
});

describe('ownership (首问负责制)', () => {
  const facts = [
    filed('2024-03-01T09:00:00Z', 1),
    step('acknowledged', '2024-03-01T10:00:00Z', 2),
    transferred('agent-li', '2024-03-01T11:00:00Z', 3),
    transferred('agent-zhao', '2024-03-01T12:00:00Z', 4),
  ];

  it('a transfer changes the owner, not the first responder nor the status', () => {
    expect(complaintAt(facts, at('2024-03-01T11:30:00Z'))).toMatchObject({
      firstResponder: 'agent-wang',
      owner: 'agent-li',
      status: 'acknowledged',
    });
    expect(complaintAt(facts, at('2024-03-01T12:00:00Z'))).toMatchObject({
      firstResponder: 'agent-wang',
      owner: 'agent-zhao',
    });
  });

  it('the receiver owns it until the first transfer', () => {
    expect(complaintAt(facts, at('2024-03-01T10:59:59.999Z'))).toMatchObject({ owner: 'agent-wang' });
  });

  it('escalations are counted and leave the owner', () => {
    const escalatedTwice = [
      ...facts,
      escalated('manager-chen', '2024-03-01T13:00:00Z', 5),
      escalated('director-liu', '2024-03-01T14:00:00Z', 6),
    ];
    expect(complaintAt(escalatedTwice, at('2024-03-01T13:30:00Z'))).toMatchObject({ escalationLevel: 1 });
    expect(complaintAt(escalatedTwice, at('2024-03-01T14:00:00Z'))).toMatchObject({
      status: 'escalated',
      escalationLevel: 2,
      owner: 'agent-zhao',
      open: true,
    });
  });
});

describe('a reopening', () => {
  // Medium: 72 h. Filed 03-01 09:00 (due 03-04 09:00), resolved 03-02 09:00, reopened 03-05 09:00.
  const facts = [
    filed('2024-03-01T09:00:00Z', 1, 'medium'),
    step('acknowledged', '2024-03-01T10:00:00Z', 2),
    escalated('manager-chen', '2024-03-01T11:00:00Z', 3),
    step('resolved', '2024-03-02T09:00:00Z', 4),
    step('reopened', '2024-03-05T09:00:00Z', 5),
  ];

  it('a resolved complaint is off the board and in time', () => {
    expect(complaintAt(facts, at('2024-03-03T00:00:00Z'))).toMatchObject({
      status: 'resolved',
      open: false,
      dueAt: at('2024-03-04T09:00:00Z'),
      breached: false,
      overdueHours: 0,
    });
  });

  it('restarts the due time from the reopening and keeps the filing time and escalations', () => {
    // Due 03-05 09:00 + 72 h = 03-08 09:00; age from the first filing: 7 days = 168 h.
    expect(complaintAt(facts, at('2024-03-08T09:00:00Z'))).toMatchObject({
      status: 'reopened',
      open: true,
      reopenCount: 1,
      escalationLevel: 1,
      filedAt: at('2024-03-01T09:00:00Z'),
      dueAt: at('2024-03-08T09:00:00Z'),
      ageHours: 168,
      breached: false,
    });
    expect(complaintAt(facts, at('2024-03-08T09:00:00.001Z'))).toMatchObject({ breached: true });
  });
});

describe('business time', () => {
  it('a complaint filed after T is absent', () => {
    const later = [filed('2024-03-02T09:00:00Z', 1)];
    expect(complaintAt(later, at('2024-03-02T08:59:59.999Z'))).toBeNull();
    expect(resolutionCycles(later, at('2024-03-02T08:59:59.999Z'))).toStrictEqual([]);
    const board = openBoard([{ customerId: 'c-1', complaintId: 'k-1', facts: later }], at('2024-03-01T00:00:00Z'));
    expect(board).toStrictEqual([]);
    expect(complaintAt(later, at('2024-03-02T09:00:00Z'))).toMatchObject({ status: 'filed', ageHours: 0 });
  });

  it('folds back-dated facts given out of order by (at, version)', () => {
    // The transfer to agent-zhao was recorded last (version 4) but happened at 11:00, before
    // the transfer to agent-li at 12:00: business order is wang -> zhao -> li.
    const facts = [
      transferred('agent-li', '2024-03-01T12:00:00Z', 3),
      filed('2024-03-01T09:00:00Z', 1),
      transferred('agent-zhao', '2024-03-01T11:00:00Z', 4),
      step('acknowledged', '2024-03-01T10:00:00Z', 2),
    ];
    expect(complaintAt(facts, at('2024-03-01T11:30:00Z'))).toMatchObject({
      owner: 'agent-zhao',
      status: 'acknowledged',
    });
    expect(complaintAt(facts, at('2024-03-01T13:00:00Z'))).toMatchObject({ owner: 'agent-li' });
  });

  it('breaks ties in time by version, whatever the input order', () => {
    const facts = [
      transferred('agent-b', '2024-03-01T12:00:00Z', 6),
      filed('2024-03-01T09:00:00Z', 1),
      transferred('agent-a', '2024-03-01T12:00:00Z', 5),
    ];
    expect(complaintAt(facts, at('2024-03-01T12:00:00Z'))).toMatchObject({ owner: 'agent-b' });
    expect(complaintAt([...facts].reverse(), at('2024-03-01T12:00:00Z'))).toMatchObject({ owner: 'agent-b' });
  });
});

describe('toComplaintFact', () => {
  it('reads the receiver from the filing and the verdict from the closing', () => {
    const filing = toComplaintFact(
      {
        type: 'ComplaintFiled',
        data: {
          complaintId: 'k-1',
          category: 'billing',
          severity: 'low',
          channel: 'email',
          description: 'Invoice twice.',
          owner: 'agent-wang',
          dueAt: '2024-03-08T09:00:00.000Z',
        },
      },
      at('2024-03-01T09:00:00Z'),
      3,
    );
    expect(filing).toStrictEqual({
      kind: 'filed',
      at: at('2024-03-01T09:00:00Z'),
      version: 3,
      severity: 'low',
      category: 'billing',
      channel: 'email',
      receivedBy: 'agent-wang',
    });
    expect(toComplaintFact({ type: 'ComplaintClosed', data: { complaintId: 'k-1' } }, 5, 4)).toStrictEqual({
      kind: 'closed',
      at: 5,
      version: 4,
      satisfaction: null,
    });
  });
});
