import { databaseUnreachableCode } from '../unavailable';
import { UnreachableServerGate } from './unreachable-server-gate';

const failure = (code: string) => Object.assign(new Error(code), { code });
const codeOf = (promise: Promise<unknown>) => promise.then(() => 'resolved', (error: { code?: string }) => error.code);
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('requests while the database server cannot be connected to', () => {
  let serverUp: boolean;
  let pings: number;
  let gate: UnreachableServerGate;
  beforeEach(() => {
    serverUp = true;
    pings = 0;
    gate = new UnreachableServerGate({
      ping: async () => {
        pings++;
        if (!serverUp) throw failure('ECONNREFUSED');
      },
      probeIntervalMs: 1,
    });
  });
  afterEach(() => gate.close());

  it('pass through, answers and errors alike, while the server is reachable', async () => {
    expect(await gate.run(async () => 42)).toBe(42);
    for (const code of ['23505', 'CONNECTION_CLOSED', '57P01', '57014']) {
      expect(await codeOf(gate.run(() => Promise.reject(failure(code))))).toBe(code);
      expect(await gate.run(async () => 'next')).toBe('next');
    }
    expect(pings).toBe(0);
  });

  it('are refused at once once a connection could not be made, and pass again when a ping succeeds', async () => {
    serverUp = false;
    expect(await codeOf(gate.run(() => Promise.reject(failure('ECONNREFUSED'))))).toBe('ECONNREFUSED');
    let ran = 0;
    for (let i = 0; i < 3; i++) {
      expect(await codeOf(gate.run(async () => ran++))).toBe(databaseUnreachableCode);
      await tick();
    }
    expect(ran).toBe(0);
    expect(pings).toBeGreaterThan(1);
    serverUp = true;
    await tick();
    expect(await gate.run(async () => 'written')).toBe('written');
    const after = pings;
    await tick();
    expect(pings).toBe(after);
  });

  it('count every way a connection cannot be made, a server starting or stopping among them', async () => {
    for (const code of ['ECONNREFUSED', 'CONNECT_TIMEOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'ETIMEDOUT', '57P03']) {
      serverUp = false;
      await codeOf(gate.run(() => Promise.reject(failure(code))));
      expect({ code, next: await codeOf(gate.run(async () => 1)) }).toEqual({ code, next: databaseUnreachableCode });
      serverUp = true;
      while ((await codeOf(gate.run(async () => 1))) !== 'resolved') await tick();
    }
  });

  it('stop pinging once closed', async () => {
    serverUp = false;
    await codeOf(gate.run(() => Promise.reject(failure('ECONNREFUSED'))));
    gate.close();
    await tick();
    const after = pings;
    await tick();
    expect(pings).toBe(after);
  });
});
