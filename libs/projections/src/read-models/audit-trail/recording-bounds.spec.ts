import { auditColumns, type AuditRow } from './audit-row';
import { withRecordingBounds } from './recording-bounds';

const at = (ms: number) => new Date(Date.UTC(2024, 2, 1) + ms).toISOString();
const row = (position: number, recordedMs: number): AuditRow => ({
  position,
  event_id: '0b6f6a52-5d1e-4c59-9a43-3f7f1d6c2e10',
  stream_id: `customer-c-${position}`,
  customer_id: `c-${position}`,
  stream_version: 0,
  type: 'StarRated',
  actor: 'desk-alice',
  correlation_id: null,
  causation_id: null,
  occurred_at: at(0),
  recorded_at: at(recordedMs),
});
const bounds = (rows: AuditRow[], latestBefore: number | null) =>
  withRecordingBounds(rows, latestBefore).map((r) => [r.position, Date.parse(r.recorded_high) - Date.parse(at(0)), Date.parse(r.recorded_low) - Date.parse(at(0))]);

describe('the recording bounds of a batch of audit rows', () => {
  it('are the recording time itself when the rows were recorded in position order', () => {
    expect(bounds([row(1, 10), row(2, 20), row(3, 20), row(4, 30)], null)).toEqual([
      [1, 10, 10],
      [2, 20, 20],
      [3, 20, 20],
      [4, 30, 30],
    ]);
  });

  it('carry the latest time up to each row and the earliest from it on, when a row was recorded before the one ahead of it', () => {
    // 3 began its transaction before 2 and drew its position after; 5 before 4.
    expect(bounds([row(1, 10), row(2, 30), row(3, 20), row(4, 40), row(5, 35)], null)).toEqual([
      [1, 10, 10],
      [2, 30, 20],
      [3, 30, 20],
      [4, 40, 35],
      [5, 40, 35],
    ]);
  });

  it('start from the latest time of the rows stored before the batch', () => {
    expect(bounds([row(7, 20), row(8, 50)], Date.parse(at(25)))).toEqual([
      [7, 25, 20],
      [8, 50, 50],
    ]);
    expect(bounds([row(7, 20)], Date.parse(at(5)))).toEqual([[7, 20, 20]]);
  });

  it('keep the row as it was, with a field for each column the rows are inserted as, and none else', () => {
    const [bounded] = withRecordingBounds([row(1, 10)], null);
    expect(bounded).toMatchObject(row(1, 10));
    expect(Object.keys(bounded).sort()).toEqual([...auditColumns].sort());
  });
});
