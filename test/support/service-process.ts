import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const main = join(root, 'apps', 'api', 'dist', 'main.js');

/** Builds the service as `npm start` runs it (incremental: quick when nothing changed). */
export function buildService(): void {
  execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
}

/** The built service as its own process, as `npm start` runs it. */
export interface ServiceProcess {
  url: string;
  child: ChildProcess;
  /** Everything it printed, stdout and stderr. */
  output(): string;
  /** Resolves with the exit code (or the signal's name) when the process ends. */
  exited: Promise<number | string>;
}

/** Starts the built service on a free port and resolves once it listens; rejects with its output if it exits first. */
export async function startServiceProcess(env: Record<string, string>, startTimeoutMs = 60_000): Promise<ServiceProcess> {
  const child = spawn(process.execPath, [main], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  child.stdout!.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (printed += chunk.toString()));
  const exited = once(child, 'exit').then(([code, signal]) => (code ?? signal) as number | string);
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the service did not listen within ${startTimeoutMs} ms:\n${printed}`)), startTimeoutMs);
    const look = (): void => {
      const bound = /bound to [^:\s]+:(\d+)/.exec(printed);
      if (bound) {
        clearTimeout(timer);
        resolve(Number(bound[1]));
      }
    };
    child.stdout!.on('data', look);
    void exited.then((how) => {
      clearTimeout(timer);
      reject(new Error(`the service exited (${how}) before it listened:\n${printed}`));
    });
  });
  return { url: `http://127.0.0.1:${port}`, child, output: () => printed, exited };
}
