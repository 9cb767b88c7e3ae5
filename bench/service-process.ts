import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { testMasterKeyText, testSigningKeyText } from '@crm/testing';

export interface RunningService {
  url: string;
  /** The service's own process (its resident set is read from /proc). */
  pid: number;
  /** What it printed so far (its errors among it). */
  output(): string;
  stop(): Promise<void>;
}

/**
 * The built service (`npm start`'s entry point) as a process of its own on the database, projections on
 * unless `env` says otherwise, with the bench's master key; `env` adds settings (CRM_NATS_URL, CRM_PROJECTIONS…).
 */
export async function startService(databaseUrl: string, adminKey: string, env: Record<string, string> = {}): Promise<RunningService> {
  const child = spawn(process.execPath, [require.resolve('@crm/api/main')], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      PORT: '0',
      DATABASE_URL: databaseUrl,
      CRM_MASTER_KEY: testMasterKeyText,
      CRM_SIGNING_KEY: testSigningKeyText,
      CRM_ADMIN_KEY: adminKey,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  child.stdout.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  const exited = once(child, 'exit');
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the service did not listen within 2 minutes:\n${printed}`)), 120_000);
    child.stdout.on('data', () => {
      const bound = /bound to [^:\s]+:(\d+)/.exec(printed);
      if (bound) {
        clearTimeout(timer);
        resolve(Number(bound[1]));
      }
    });
    void exited.then(([code]) => {
      clearTimeout(timer);
      reject(new Error(`the service exited (${code}) before it listened:\n${printed}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    output: () => printed,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
