import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { transformFileSync } from '@swc/core';

const clusterDirs = () => new Set(readdirSync(tmpdir()).filter((name) => name.startsWith('crm-pg-')));

// The local cluster itself, whether or not a Docker engine answers (startPostgres would take a container then).
describe('ephemeral PostgreSQL cluster', () => {
  let work: string;
  beforeAll(() => {
    // A child process of its own runs the helper, compiled here as Jest would (no build step needed).
    work = mkdtempSync(join(tmpdir(), 'crm-ephemeral-test-'));
    const compiled = (file: string) =>
      transformFileSync(join(__dirname, file), { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }).code;
    writeFileSync(join(work, 'ephemeral.js'), compiled('index.ts'));
    writeFileSync(join(work, 'local-process.js'), compiled('local-process.ts'));
    writeFileSync(
      join(work, 'child.js'),
      `require('./ephemeral.js').startLocalCluster().then(() => {
        console.log('started');
        if (process.argv[2] === 'crash') setTimeout(() => { throw new Error('crash on purpose'); }, 1000);
        else setInterval(() => undefined, 1000);
      });`,
    );
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it.each(['crash', 'SIGINT', 'SIGTERM'])('stops and deletes its cluster when its process ends by %s', async (how) => {
    const before = clusterDirs();
    const child = spawn(process.execPath, [join(work, 'child.js'), how === 'crash' ? 'crash' : 'wait'], { stdio: ['ignore', 'pipe', 'ignore'] });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('started') && resolve());
      child.once('exit', () => reject(new Error('the child ended before its cluster started')));
    });
    const own = [...clusterDirs()].filter((name) => !before.has(name));
    expect(own).toHaveLength(1);
    if (how !== 'crash') child.kill(how as NodeJS.Signals);
    await exited;
    for (const name of own) expect(existsSync(join(tmpdir(), name))).toBe(false);
  }, 60_000);
});
