/**
 * Resolution cycles, board stats and board order, worked out by hand from READ-MODELS §2 with
 * the default SLA (critical 4 h, high 24 h, medium 72 h, low 168 h).
 */
import type { ComplaintSeverity } from '@crm/domain';
import { boardStats, type ComplaintFact, openBoard, resolutionCycles, sortBoard } from './complaint-rules';

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
const closed = (satisfaction: number | null, iso: string, version: number): ComplaintFact => ({
  kind: 'closed',
  satisfaction,
  at: at(iso),
  version,
});

describe('resolution cycles and board stats', () => {
  // A (high, 24 h): cycle 1 filed 03-01 09:00 -> resolved 03-01 21:00 (12 h, due 03-02 09:00: in time),
  // closed 03-02 09:00 with 2; cycle 2 reopened 03-03 09:00 (due 03-04 09:00) -> resolved 03-04 15:00
  // (30 h: late), closed 03-05 09:00 with 4. B (low) is open, so it has no cycle.
  const a = [
    filed('2024-03-01T09:00:00Z', 1),
    step('acknowledged', '2024-03-01T09:05:00Z', 2),
    step('resolved', '2024-03-01T21:00:00Z', 3),
    closed(2, '2024-03-02T09:00:00Z', 4),
    step('reopened', '2024-03-03T09:00:00Z', 5),
    step('resolved', '2024-03-04T15:00:00Z', 6),
    closed(4, '2024-03-05T09:00:00Z', 7),
  ];
  const b = [filed('2024-03-02T09:00:00Z', 1, 'low')];
  const complaints = [
    { customerId: 'c-1', complaintId: 'k-1', facts: a },
    { customerId: 'c-2', complaintId: 'k-2', facts: b },
  ];

  it('lists each cycle resolved by T with its hours and SLA verdict', () => {
    expect(resolutionCycles(a, at('2024-03-06T00:00:00Z'))).toStrictEqual([
      {
        startedAt: at('2024-03-01T09:00:00Z'),
        dueAt: at('2024-03-02T09:00:00Z'),
        resolvedAt: at('2024-03-01T21:00:00Z'),
        hoursToResolve: 12,
        withinSla: true,
      },
      {
        startedAt: at('2024-03-03T09:00:00Z'),
        dueAt: at('2024-03-04T09:00:00Z'),
        resolvedAt: at('2024-03-04T15:00:00Z'),
        hoursToResolve: 30,
        withinSla: false,
      },
    ]);
  });

  it('averages both cycles: (12 + 30) / 2 = 21 h, 1 of 2 in time, satisfaction (2 + 4) / 2 = 3', () => {
    expect(boardStats(complaints, at('2024-03-06T00:00:00Z'))).toStrictEqual({
      meanHoursToResolve: 21,
      slaAttainment: 0.5,
      meanSatisfaction: 3,
    });
  });

  it('counts only what happened by T: between the reopening and the second resolve, one cycle and one closing', () => {
    expect(boardStats(complaints, at('2024-03-04T12:00:00Z'))).toStrictEqual({
      meanHoursToResolve: 12,
      slaAttainment: 1,
      meanSatisfaction: 2,
    });
  });

  it('a resolve exactly at the due time is within the SLA; a closing without a verdict is not averaged', () => {
    const onTheDot = [filed('2024-03-01T09:00:00Z', 1), step('resolved', '2024-03-02T09:00:00Z', 2)];
    onTheDot.push(closed(null, '2024-03-02T10:00:00Z', 3));
    const complaint = { customerId: 'c-3', complaintId: 'k-3', facts: onTheDot };
    expect(boardStats([complaint], at('2024-03-03T00:00:00Z'))).toStrictEqual({
      meanHoursToResolve: 24,
      slaAttainment: 1,
      meanSatisfaction: null,
    });
  });

  it('answers nulls when nothing was resolved or closed', () => {
    expect(boardStats(complaints, at('2024-03-01T20:00:00Z'))).toStrictEqual({
      meanHoursToResolve: null,
      slaAttainment: null,
      meanSatisfaction: null,
    });
    expect(boardStats([], at('2024-03-01T20:00:00Z'))).toStrictEqual({
      meanHoursToResolve: null,
      slaAttainment: null,
      meanSatisfaction: null,
    });
  });
});

describe('the board', () => {
  it('lists open complaints by dueAt, then customerId and complaintId in code-unit order', () => {
    // High filed 09:00 is due 03-02 09:00; critical filed 10:00 is due 14:00, first.
    const high = [filed('2024-03-01T09:00:00Z', 1)];
    const critical = [filed('2024-03-01T10:00:00Z', 1, 'critical')];
    const resolved = [filed('2024-03-01T08:00:00Z', 1, 'critical'), step('resolved', '2024-03-01T08:30:00Z', 2)];
    const rows = openBoard(
      [
        { customerId: 'a', complaintId: 'k-9', facts: high },
        { customerId: 'a', complaintId: 'k-10', facts: high },
        { customerId: 'B', complaintId: 'k-1', facts: high },
        { customerId: 'z', complaintId: 'k-2', facts: critical },
        { customerId: 'a', complaintId: 'k-0', facts: resolved },
      ],
      at('2024-03-01T12:00:00Z'),
    );
    const keys = rows.map((row) => `${row.customerId}/${row.complaintId}`);
    expect(keys).toStrictEqual(['z/k-2', 'B/k-1', 'a/k-10', 'a/k-9']);
    expect(rows[0]).toMatchObject({ severity: 'critical', category: 'delivery', channel: 'call', ageHours: 2 });
  });

  it('sortBoard leaves its input alone', () => {
    const rows = [
      { dueAt: 2, customerId: 'a', complaintId: 'k' },
      { dueAt: 1, customerId: 'b', complaintId: 'k' },
    ];
    expect(sortBoard(rows).map((row) => row.dueAt)).toStrictEqual([1, 2]);
    expect(rows.map((row) => row.dueAt)).toStrictEqual([2, 1]);
  });
});
