import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { freeLoopbackPort, removeOnExit } from './local-process';

export { freeLoopbackPort, removeOnExit } from './local-process';

const run = promisify(execFile);

/** A PostgreSQL server that exists only for one test run or benchmark. */
export interface EphemeralPostgres {
  /** Connection URL of the `postgres` database as superuser. */
  readonly url: string;
  readonly kind: 'testcontainers' | 'local-cluster';
  stop(): Promise<void>;
}

/** A local cluster can also be shut down and started again on the same port and data, as a server restart. */
export interface LocalCluster extends EphemeralPostgres {
  pause(): Promise<void>;
  resume(): Promise<void>;
}

export interface PostgresServerOptions {
  /** Durable settings (fsync on) for benchmarks; tests run faster without them. */
  durable?: boolean;
}

/**
 * Starts PostgreSQL: testcontainers when a Docker engine answers, else an
 * ephemeral cluster from the machine's PostgreSQL server binaries. Never skips:
 * when neither works it throws with what it tried.
 */
export async function startPostgres(options: PostgresServerOptions = {}): Promise<EphemeralPostgres> {
  if (await dockerEngineAnswers()) return startContainer();
  return startLocalCluster(options);
}

async function dockerEngineAnswers(): Promise<boolean> {
  try {
    await run('docker', ['info', '--format', '{{.ServerVersion}}'], { timeout: 5000 });
    return true;
  } catch {
    return false;
  }
}

async function startContainer(): Promise<EphemeralPostgres> {
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const container = await new PostgreSqlContainer('postgres:15-alpine')
    .withDatabase('postgres')
    .withUsername('postgres')
    .withPassword('postgres')
    .start();
  return {
    url: container.getConnectionUri(),
    kind: 'testcontainers',
    stop: async () => {
      await container.stop();
    },
  };
}

function postgresBinDir(): string {
  const candidates: string[] = [];
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim());
  } catch {
    // pg_config missing: fall back to Debian's layout below.
  }
  const debianRoot = '/usr/lib/postgresql';
  if (existsSync(debianRoot)) {
    for (const version of readdirSync(debianRoot).sort().reverse()) candidates.push(join(debianRoot, version, 'bin'));
  }
  const found = candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
  if (!found) {
    throw new Error(
      `No Docker engine answers and no PostgreSQL server binaries were found (looked in: ${candidates.join(', ') || 'nothing'}). ` +
        `Install them (Debian: apt-get install postgresql) or start a Docker engine.`,
    );
  }
  return found;
}

/** PostgreSQL refuses to run as root: as root, the cluster belongs to the `postgres` system user. */
function clusterUser(): { name: string; uid: number; gid: number } | undefined {
  if (userInfo().uid !== 0) return undefined;
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { name: 'postgres', uid, gid };
  } catch {
    throw new Error('Running as root, PostgreSQL needs a non-root user to own its cluster, and no `postgres` user exists.');
  }
}

/** An ephemeral cluster from the machine's PostgreSQL server binaries, deleted when it stops or its process ends. */
export async function startLocalCluster(options: PostgresServerOptions = {}): Promise<LocalCluster> {
  const bin = postgresBinDir();
  const owner = clusterUser();
  const dir = mkdtempSync(join(tmpdir(), 'crm-pg-'));
  const dataDir = join(dir, 'data');
  if (owner) {
    chownSync(dir, owner.uid, owner.gid);
    chmodSync(dir, 0o700);
  }
  const command = (file: string, args: string[]): [string, string[]] =>
    owner ? ['runuser', ['-u', owner.name, '--', join(bin, file), ...args]] : [join(bin, file), args];
  const asOwner = (file: string, args: string[]) => run(...command(file, args));

  const settings = [
    'listen_addresses=127.0.0.1',
    `unix_socket_directories=${dir}`,
    'max_connections=200',
    'shared_buffers=256MB',
    // A session left idle inside a transaction would hold back every $all reader.
    'idle_in_transaction_session_timeout=60s',
    ...(options.durable ? [] : ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off']),
  ];
  try {
    await asOwner('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale']);
    let lastError: unknown;
    for (let attempt = 0; attempt < 5; attempt++) {
      const port = await freeLoopbackPort();
      const opts = [`-p ${port}`, ...settings.map((s) => `-c ${s}`)].join(' ');
      try {
        await asOwner('pg_ctl', ['-D', dataDir, '-l', join(dir, 'server.log'), '-o', opts, '-w', '-t', '60', 'start']);
        const stopArgs = ['-D', dataDir, '-m', 'immediate', '-w', 'stop'];
        const forget = removeOnExit(() => {
          try {
            execFileSync(...command('pg_ctl', stopArgs), { stdio: 'ignore' });
          } finally {
            rmSync(dir, { recursive: true, force: true });
          }
        });
        const start = () => asOwner('pg_ctl', ['-D', dataDir, '-l', join(dir, 'server.log'), '-o', opts, '-w', '-t', '60', 'start']);
        return {
          url: `postgres://postgres@127.0.0.1:${port}/postgres`,
          kind: 'local-cluster',
          pause: async () => {
            await asOwner('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
          },
          resume: async () => {
            await start();
          },
          stop: async () => {
            forget();
            await asOwner('pg_ctl', stopArgs).catch(() => undefined);
            rmSync(dir, { recursive: true, force: true });
          },
        };
      } catch (error) {
        lastError = error; // most likely the port was taken meanwhile: try another
      }
    }
    throw lastError;
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`Could not start an ephemeral PostgreSQL cluster from ${bin}: ${String(error)}`);
  }
}
