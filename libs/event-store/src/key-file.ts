import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * A secret kept in a file, made on first use: mode 0600 in a folder of mode
 * 0700. Processes that start together get the same one: each writes a whole
 * file of its own and links it into place, which only the first does; the
 * others read the winner's. A made file is on disk before it is used.
 */
export function readOrMakeKeyFile(path: string, make: () => string): { text: string; made: boolean } {
  const existing = readIfThere(path);
  if (existing !== undefined) return { text: existing, made: false };
  const folder = dirname(path);
  mkdirSync(dirname(folder), { recursive: true });
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const text = make();
  const draft = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(draft, 'wx', 0o600);
  try {
    writeSync(fd, text.endsWith('\n') ? text : `${text}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(draft, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return { text: readIfThere(path)!, made: false };
  } finally {
    unlinkSync(draft);
  }
  const handle = openSync(folder, 'r');
  try {
    fsyncSync(handle);
  } finally {
    closeSync(handle);
  }
  return { text, made: true };
}

function readIfThere(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
