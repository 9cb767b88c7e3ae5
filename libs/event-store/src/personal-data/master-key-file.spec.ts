import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readOrMakeMasterKeyFile } from './master-key-file';
import { formatMasterKey, newMasterKey } from './master-keys';

describe('the master key file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'crm-master-key-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is made on first use, 0600 in a folder of 0700, and read back the same after', () => {
    const path = join(dir, 'data', 'keys', 'master-key');
    const made = readOrMakeMasterKeyFile(path);
    expect(made.made).toBe(true);
    expect(made.key).toHaveLength(32);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'data', 'keys')).mode & 0o777).toBe(0o700);
    expect(readFileSync(path, 'utf8')).toBe(`${formatMasterKey(made.key)}\n`);
    // Nothing but the file is left in the folder (no draft).
    expect(readdirSync(join(dir, 'data', 'keys'))).toEqual(['master-key']);
    expect(readOrMakeMasterKeyFile(path)).toEqual({ key: made.key, made: false });
  });

  it('reads a key written there by hand, as CRM_MASTER_KEY would take it', () => {
    const key = newMasterKey();
    const path = join(dir, 'master-key');
    writeFileSync(path, `${formatMasterKey(key)}\n`);
    expect(readOrMakeMasterKeyFile(path)).toEqual({ key, made: false });
  });

  it('refuses a file that holds no key, naming it, and leaves it as it is', () => {
    const path = join(dir, 'master-key');
    writeFileSync(path, 'not a key\n');
    expect(() => readOrMakeMasterKeyFile(path)).toThrow(`The master key file ${path} must be 32 random bytes in base64`);
    expect(readFileSync(path, 'utf8')).toBe('not a key\n');
  });

  it('makes a different key in another data folder', () => {
    mkdirSync(join(dir, 'a'));
    const a = readOrMakeMasterKeyFile(join(dir, 'a', 'keys', 'master-key'));
    const b = readOrMakeMasterKeyFile(join(dir, 'b', 'keys', 'master-key'));
    expect(a.key).not.toEqual(b.key);
  });
});
