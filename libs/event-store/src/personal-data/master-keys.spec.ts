import { createHash } from 'node:crypto';
import { AlteredStreamKeyError, UnknownMasterKeyError } from './master-key-errors';
import { formatMasterKey, MasterKeys, masterKeyId, newMasterKey, parseMasterKey } from './master-keys';
import { newStreamKey } from './sealing';

describe('master keys: wrapping each stream key', () => {
  const [first, second] = [newMasterKey(), newMasterKey()];
  const keys = new MasterKeys({ key: first, origin: 'CRM_MASTER_KEY' });
  const streamKey = newStreamKey();

  it('wraps a stream key under the current master key and opens it again', () => {
    const wrapped = keys.wrap('customer-1', streamKey);
    expect(wrapped.masterKeyId).toBe(masterKeyId(first));
    expect(wrapped.wrapped).toHaveLength(60);
    expect(wrapped.wrapped.includes(streamKey)).toBe(false);
    expect(keys.unwrap('customer-1', wrapped)).toEqual(streamKey);
  });

  it('wraps the same key differently each time (a random IV)', () => {
    expect(keys.wrap('customer-1', streamKey).wrapped).not.toEqual(keys.wrap('customer-1', streamKey).wrapped);
  });

  it("binds a wrapped key to its stream: copied to another stream's row, it does not open", () => {
    const wrapped = keys.wrap('customer-1', streamKey);
    expect(() => keys.unwrap('customer-2', wrapped)).toThrow(AlteredStreamKeyError);
  });

  it('refuses a wrapped key altered in any byte, or cut short', () => {
    const wrapped = keys.wrap('customer-1', streamKey);
    for (const at of [0, 11, 12, 43, 44, 59]) {
      const altered = Buffer.from(wrapped.wrapped);
      altered[at] ^= 1;
      expect(() => keys.unwrap('customer-1', { ...wrapped, wrapped: altered })).toThrow(/does not open with master key/);
    }
    expect(() => keys.unwrap('customer-1', { ...wrapped, wrapped: wrapped.wrapped.subarray(0, 59) })).toThrow(AlteredStreamKeyError);
  });

  it('opens keys wrapped under a previous master key, and wraps new ones under the current one', () => {
    const rotated = new MasterKeys({ key: second, origin: 'CRM_MASTER_KEY' }, [{ key: first, origin: 'CRM_MASTER_KEY_PREVIOUS #1' }]);
    const old = keys.wrap('customer-1', streamKey);
    expect(rotated.unwrap('customer-1', old)).toEqual(streamKey);
    expect(rotated.wrap('customer-1', streamKey).masterKeyId).toBe(masterKeyId(second));
    expect(rotated.ids).toEqual([masterKeyId(second), masterKeyId(first)]);
    expect(rotated.previousIds).toEqual([masterKeyId(first)]);
    expect(rotated.describe()).toBe(`${masterKeyId(second)} (CRM_MASTER_KEY, current), ${masterKeyId(first)} (CRM_MASTER_KEY_PREVIOUS #1)`);
  });

  it('takes a key given as current and previous for one', () => {
    const twice = new MasterKeys({ key: first, origin: 'CRM_MASTER_KEY' }, [{ key: Buffer.from(first), origin: 'CRM_MASTER_KEY_PREVIOUS #1' }]);
    expect(twice.ids).toEqual([masterKeyId(first)]);
    expect(twice.previousIds).toEqual([]);
  });

  it('says which master key is missing, and which it has, without their bytes', () => {
    const other = new MasterKeys({ key: second, origin: 'the key file data/keys/master-key' });
    const attempt = () => other.unwrap('customer-1', keys.wrap('customer-1', streamKey));
    expect(attempt).toThrow(UnknownMasterKeyError);
    expect(attempt).toThrow(
      `The key of stream customer-1 is wrapped under master key ${masterKeyId(first)}, which this process was not given; ` +
        `it has ${masterKeyId(second)} (the key file data/keys/master-key, current).`,
    );
    expect(() => attempt()).not.toThrow(formatMasterKey(second));
  });

  it('refuses a master key that is not 32 bytes', () => {
    expect(() => new MasterKeys({ key: Buffer.alloc(16), origin: 'CRM_MASTER_KEY' })).toThrow('The master key from CRM_MASTER_KEY has 16 bytes, not 32');
  });
});

describe('master key ids', () => {
  it('are 16 hex digits, the same for the same key, different for another', () => {
    const key = newMasterKey();
    expect(masterKeyId(key)).toMatch(/^[0-9a-f]{16}$/);
    expect(masterKeyId(Buffer.from(key))).toBe(masterKeyId(key));
    expect(masterKeyId(newMasterKey())).not.toBe(masterKeyId(key));
  });

  it('are not a prefix of the plain SHA-256 of the key (domain-separated)', () => {
    const key = newMasterKey();
    expect(createHash('sha256').update(key).digest('hex')).not.toContain(masterKeyId(key));
  });
});

describe('master keys as text', () => {
  it('reads base64 of 32 bytes, as formatMasterKey writes it, around white space', () => {
    const key = newMasterKey();
    expect(parseMasterKey(` ${formatMasterKey(key)}\n`)).toEqual(key);
  });

  it('refuses anything else, without repeating it', () => {
    const key = formatMasterKey(newMasterKey());
    for (const text of ['', 'secret', key.slice(0, 43), `${key}A`, formatMasterKey(Buffer.alloc(31)), formatMasterKey(Buffer.alloc(33)), key.replace(/[+/]/g, '-').replace(/^./, '-')]) {
      expect(() => parseMasterKey(text)).toThrow(/must be 32 random bytes in base64 \(44 characters/);
      if (text.length > 0) expect(() => parseMasterKey(text)).not.toThrow(text);
    }
  });
});
