import { linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';

/** Another process (or this one) has the embedded database open. */
export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `The embedded database in ${dataDir} is open in process ${pid}. ` +
        `Stop that process, or give this one another folder (CRM_DATA_DIR). If no process ${pid} uses it, delete ${dataDir}.lock.`,
    );
    this.name = 'DataDirInUseError';
  }
}

/**
 * PGlite has no lock of its own: two processes that open one data folder both
 * write to it as its only server and corrupt it. `<dataDir>.lock` holds the pid
 * of the process that has it open; a lock whose process is gone is taken over.
 * Answers the release.
 */
export function lockDataDir(dataDir: string): () => void {
  const path = `${dataDir}.lock`;
  const own = String(process.pid);
  // Written aside and linked into place, so that a lock is never seen without its pid.
  const draft = `${path}.${own}`;
  writeFileSync(draft, own);
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        linkSync(draft, path);
        return () => {
          if (readFileSync(path, 'utf8') === own) unlinkSync(path);
        };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      takeOverIfAbandoned(path, dataDir);
    }
  } finally {
    unlinkSync(draft);
  }
  throw new Error(`Could not lock ${path}: other processes keep taking it`);
}

function takeOverIfAbandoned(path: string, dataDir: string): void {
  let holder: number;
  try {
    holder = Number(readFileSync(path, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (Number.isInteger(holder) && holder > 0 && isAlive(holder)) throw new DataDirInUseError(dataDir, holder);
  // Left behind by a process that died: take it over (if two do at once, one wins the next link).
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
