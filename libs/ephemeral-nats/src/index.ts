import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { delimiter, join } from 'node:path';
import { tmpdir } from 'node:os';
import { freeLoopbackPort, removeOnExit } from '@crm/ephemeral-postgres';

/** A NATS server with JetStream that exists only for one test run or benchmark. */
export interface EphemeralNats {
  /** `nats://127.0.0.1:<port>` */
  readonly url: string;
  /**
   * Stops the server and starts it again on the same port and JetStream store, as an outage:
   * down for `downMs` (default 0); `crash` kills it (SIGKILL) instead of shutting it down.
   */
  restart(options?: { downMs?: number; crash?: boolean }): Promise<void>;
  /** Stops the server and deletes its store. */
  stop(): Promise<void>;
}

const readyTimeoutMs = 15_000;

/**
 * Starts `nats-server -js` from the machine's binary (Debian: apt-get install nats-server) on a
 * free loopback port, with its JetStream store in a temporary folder. Never skips: a missing
 * binary, or a server that does not come up, throws with what was tried and the server's output.
 */
export async function startNats(): Promise<EphemeralNats> {
  const binary = natsServerBinary();
  const dir = mkdtempSync(join(tmpdir(), 'crm-nats-'));
  let server: Server | undefined;
  const forget = removeOnExit(() => {
    server?.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });
  try {
    const port = await freeLoopbackPort();
    const args = ['-js', '-sd', join(dir, 'jetstream'), '-p', String(port), '-a', '127.0.0.1'];
    server = await startServer(binary, args, port);
    return {
      url: `nats://127.0.0.1:${port}`,
      restart: async ({ downMs = 0, crash = false } = {}) => {
        await server!.stop(crash ? 'SIGKILL' : 'SIGTERM');
        await new Promise((resolve) => setTimeout(resolve, downMs));
        server = await startServer(binary, args, port);
      },
      stop: async () => {
        forget();
        await server?.stop('SIGTERM');
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    forget();
    server?.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

interface Server {
  child: ChildProcess;
  stop(signal: NodeJS.Signals): Promise<void>;
}

/** Debian installs nats-server in /usr/sbin, which is not on every user's PATH. */
function natsServerBinary(): string {
  const dirs = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), '/usr/sbin', '/usr/local/sbin', '/usr/local/bin'];
  const candidates = [...new Set(dirs)].map((dir) => join(dir, 'nats-server'));
  const found = candidates.find((file) => {
    try {
      accessSync(file, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
  if (!found) {
    throw new Error(`No nats-server binary was found (looked for: ${candidates.join(', ')}). Install it (Debian: apt-get install nats-server).`);
  }
  return found;
}

async function startServer(binary: string, args: string[], port: number): Promise<Server> {
  const child = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let output = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    // Enough of the log to say why it did not come up; the rest is dropped.
    if (output.length < 20_000) output += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const failure = (why: string) => new Error(`nats-server did not come up (${binary} ${args.join(' ')}): ${why}\n${output}`);
  const spawnError = new Promise<never>((_, reject) => child.once('error', (error) => reject(failure(String(error)))));
  const exitedEarly = exited.then(() => Promise.reject(failure(`it exited with code ${child.exitCode ?? child.signalCode}`)));
  try {
    await Promise.race([acceptsConnections(port, () => child.exitCode !== null || child.signalCode !== null), spawnError, exitedEarly]);
  } catch (error) {
    child.kill('SIGKILL');
    throw error instanceof Error && error.message.startsWith('nats-server did not come up') ? error : failure(String(error));
  }
  exitedEarly.catch(() => undefined);
  spawnError.catch(() => undefined);
  return {
    child,
    stop: async (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** Resolves once the server greets a client with its INFO line (it listens only when JetStream is up). */
async function acceptsConnections(port: number, gone: () => boolean): Promise<void> {
  const end = Date.now() + readyTimeoutMs;
  let lastError = 'no answer';
  while (Date.now() < end && !gone()) {
    try {
      await greeting(port);
      return;
    } catch (error) {
      lastError = String(error);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
  if (gone()) return new Promise(() => undefined); // the exit is reported by the caller
  throw new Error(`nothing answered on 127.0.0.1:${port} within ${readyTimeoutMs} ms (${lastError})`);
}

function greeting(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.setTimeout(1000, () => socket.destroy(new Error('no INFO within 1 s')));
    socket.once('data', (data) => {
      socket.destroy();
      if (data.toString().startsWith('INFO')) resolve();
      else reject(new Error(`unexpected greeting ${JSON.stringify(data.toString().slice(0, 40))}`));
    });
    socket.once('error', reject);
  });
}
