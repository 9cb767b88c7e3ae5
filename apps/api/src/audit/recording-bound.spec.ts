import { recordingBound } from './recording-bound';

describe('a bound of recording times', () => {
  it('is the instant in UTC to the millisecond', () => {
    expect(recordingBound('2024-05-01T17:30:00+08:00')).toBe('2024-05-01T09:30:00.000Z');
    expect(recordingBound('2024-05-01T09:30:00.25Z')).toBe('2024-05-01T09:30:00.250Z');
    expect(recordingBound('2024-05-01T09:30:00.123000000Z')).toBe('2024-05-01T09:30:00.123Z');
  });

  it('rounds a finer fraction up to the next millisecond, which no recording time lies before', () => {
    expect(recordingBound('2024-05-01T09:30:00.1230001Z')).toBe('2024-05-01T09:30:00.124Z');
    expect(recordingBound('2024-12-31T23:59:59.999999999Z')).toBe('2025-01-01T00:00:00.000Z');
    expect(recordingBound('1969-12-31T23:59:59.0005Z')).toBe('1969-12-31T23:59:59.001Z');
  });
});
