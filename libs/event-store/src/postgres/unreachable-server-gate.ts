import { databaseUnreachableCode } from '../unavailable';

/** Errors of a connection that could not be made at all (as opposed to one lost or a statement refused). */
const couldNotConnect = new Set(['ECONNREFUSED', 'CONNECT_TIMEOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', '57P03']);

export interface UnreachableServerGateOptions {
  /** A cheap statement that succeeds once the server answers again. */
  ping: () => Promise<unknown>;
  /** Pause between two pings while the server is unreachable. */
  probeIntervalMs?: number;
}

/**
 * While the server cannot be connected to, requests are told so at once
 * instead of queueing behind the driver's reconnection (postgres.js queues
 * every query while its connections wait to reconnect, and hands each failed
 * attempt only one of them: under load the queue outgrows the failures and a
 * request would wait for minutes). One ping at a time asks the server; the
 * first that succeeds lets requests through again.
 */
export class UnreachableServerGate {
  private unreachable = false;
  private closed = false;
  private readonly probeIntervalMs: number;

  constructor(private readonly options: UnreachableServerGateOptions) {
    this.probeIntervalMs = options.probeIntervalMs ?? 200;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.unreachable) throw unreachableError();
    try {
      return await work();
    } catch (error) {
      if (isConnectFailure(error)) this.becameUnreachable();
      throw error;
    }
  }

  /** No more pings after this. */
  close(): void {
    this.closed = true;
  }

  private becameUnreachable(): void {
    if (this.unreachable || this.closed) return;
    this.unreachable = true;
    void this.probe();
  }

  private async probe(): Promise<void> {
    while (!this.closed) {
      try {
        await this.options.ping();
        break;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, this.probeIntervalMs).unref());
      }
    }
    this.unreachable = false;
  }
}

function isConnectFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && couldNotConnect.has(code);
}

function unreachableError(): Error {
  return Object.assign(new Error('The database server could not be connected to a moment ago; it is being asked again.'), {
    code: databaseUnreachableCode,
  });
}
