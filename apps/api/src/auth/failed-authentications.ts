/** Failed attempts counted per address in a window of this length. */
const windowMs = 60_000;
/** Addresses remembered at most, the oldest forgotten first: a flood from many addresses cannot grow memory. */
const maxAddresses = 10_000;

/**
 * Failed authentications per client address, in fixed one-minute windows.
 * Past the limit, the address is refused (429) until its window ends, before
 * its key is even looked up, so that guessing keys costs a minute per
 * handful of tries.
 */
export class FailedAuthentications {
  private readonly windows = new Map<string, { startedAt: number; failures: number }>();

  constructor(private readonly limitPerMinute: number) {}

  /** Seconds the address must wait, or 0 when it may try. */
  retryAfter(address: string, now = Date.now()): number {
    const window = this.windows.get(address);
    if (!window || now - window.startedAt >= windowMs || window.failures < this.limitPerMinute) return 0;
    return Math.max(1, Math.ceil((window.startedAt + windowMs - now) / 1000));
  }

  record(address: string, now = Date.now()): void {
    const window = this.windows.get(address);
    if (window && now - window.startedAt < windowMs) {
      window.failures += 1;
      return;
    }
    this.windows.delete(address);
    this.windows.set(address, { startedAt: now, failures: 1 });
    if (this.windows.size > maxAddresses) this.windows.delete(this.windows.keys().next().value!);
  }
}

/** Answered 429 with `Retry-After`. */
export class TooManyFailedAuthentications extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many failed authentications from this address: try again in ${retryAfterSeconds} s.`);
    this.name = 'TooManyFailedAuthentications';
  }
}
