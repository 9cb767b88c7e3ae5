import { FailedAuthentications } from './failed-authentications';

describe('failed authentications per address', () => {
  it('lets an address fail up to the limit in a minute, then makes it wait for the rest of that minute', () => {
    const failures = new FailedAuthentications(3);
    const t0 = 1_000_000;
    for (let i = 0; i < 3; i++) {
      expect(failures.retryAfter('10.0.0.1', t0 + i)).toBe(0);
      failures.record('10.0.0.1', t0 + i);
    }
    expect(failures.retryAfter('10.0.0.1', t0 + 10)).toBe(60);
    expect(failures.retryAfter('10.0.0.1', t0 + 59_500)).toBe(1);
    expect(failures.retryAfter('10.0.0.2', t0 + 10)).toBe(0);
    expect(failures.retryAfter('10.0.0.1', t0 + 60_000)).toBe(0);
    failures.record('10.0.0.1', t0 + 60_000);
    expect(failures.retryAfter('10.0.0.1', t0 + 60_001)).toBe(0);
  });
});
