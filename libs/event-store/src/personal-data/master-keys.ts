import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { AlteredStreamKeyError, UnknownMasterKeyError } from './master-key-errors';

/** A master key as given to the process, and where it came from (named in messages, never its bytes). */
export interface GivenMasterKey {
  key: Buffer;
  /** e.g. `CRM_MASTER_KEY`, or the key file's path. */
  origin: string;
}

export interface MasterKey extends GivenMasterKey {
  /** What the database stores beside each key wrapped under it. */
  id: string;
}

/** A stream's key as stored: wrapped under a master key, which the database knows only by its id. */
export interface WrappedKey {
  masterKeyId: string;
  /** iv (12) | ciphertext (32) | tag (16). */
  wrapped: Buffer;
}

const algorithm = 'aes-256-gcm';
const ivBytes = 12;
const tagBytes = 16;
const keyBytes = 32;

/**
 * The first 16 hex digits of a SHA-256 over a domain-separated input: names
 * the master key in the database and in messages, reveals nothing of it, and
 * cannot be mistaken for a digest of the same bytes made for another purpose.
 */
export function masterKeyId(key: Buffer): string {
  return createHash('sha256').update('crm master key id\0').update(key).digest('hex').slice(0, 16);
}

/** A new random master key. */
export function newMasterKey(): Buffer {
  return randomBytes(keyBytes);
}

/** Padded base64 of exactly 32 bytes, as `openssl rand -base64 32` prints. */
const base64Of32Bytes = /^[A-Za-z0-9+/]{43}=$/;

/**
 * A master key from its text form: base64 of 32 bytes. Throws a message that
 * says what is wanted and never repeats the text (it may be a key).
 */
export function parseMasterKey(text: string): Buffer {
  const trimmed = text.trim();
  if (!base64Of32Bytes.test(trimmed)) {
    throw new Error(`must be 32 random bytes in base64 (44 characters, as \`openssl rand -base64 32\` prints); what is there has ${trimmed.length} characters`);
  }
  return Buffer.from(trimmed, 'base64');
}

/** The text form `parseMasterKey` reads. */
export function formatMasterKey(key: Buffer): string {
  return key.toString('base64');
}

/**
 * The current master key, which wraps every stream key made or rewrapped, and
 * the previous ones, still accepted for unwrapping until a rotation has
 * rewrapped every key under the current one.
 *
 * Wrapping is AES-256-GCM, with the stream id as additional data: a wrapped
 * key copied to another stream's row does not open there (AES-KW, RFC 3394,
 * takes no additional data and is deterministic, so it could not bind a key
 * to its stream). A random 96-bit IV per wrapping is safe far beyond the
 * number of streams one master key will ever wrap (NIST's 2^32 bound).
 */
export class MasterKeys {
  readonly current: MasterKey;
  private readonly byId = new Map<string, MasterKey>();

  constructor(current: GivenMasterKey, previous: readonly GivenMasterKey[] = []) {
    for (const given of [current, ...previous]) {
      if (given.key.length !== keyBytes) throw new Error(`The master key from ${given.origin} has ${given.key.length} bytes, not ${keyBytes}`);
      const id = masterKeyId(given.key);
      // The same key given twice (as current and previous) is one key.
      if (!this.byId.has(id)) this.byId.set(id, { ...given, id });
    }
    this.current = this.byId.get(masterKeyId(current.key))!;
  }

  /** Every accepted key's id, the current one first. */
  get ids(): string[] {
    return [...this.byId.keys()];
  }

  /** The ids not current: the keys a rotation moves away from. */
  get previousIds(): string[] {
    return this.ids.filter((id) => id !== this.current.id);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** `id (origin)` of each key, for messages. */
  describe(): string {
    return [...this.byId.values()].map((key) => `${key.id} (${key.origin}${key === this.current ? ', current' : ''})`).join(', ');
  }

  /** The stream's key wrapped under the current master key. */
  wrap(streamId: string, streamKey: Buffer): WrappedKey {
    const iv = randomBytes(ivBytes);
    const cipher = createCipheriv(algorithm, this.current.key, iv);
    cipher.setAAD(boundTo(streamId));
    const body = Buffer.concat([cipher.update(streamKey), cipher.final()]);
    return { masterKeyId: this.current.id, wrapped: Buffer.concat([iv, body, cipher.getAuthTag()]) };
  }

  /** The stream's key; throws when its master key was not given, or the wrapped key was altered or belongs to another stream. */
  unwrap(streamId: string, { masterKeyId, wrapped }: WrappedKey): Buffer {
    const master = this.byId.get(masterKeyId);
    if (!master) throw new UnknownMasterKeyError([masterKeyId], this.describe(), `The key of stream ${streamId} is`);
    if (wrapped.length !== ivBytes + keyBytes + tagBytes) throw new AlteredStreamKeyError(streamId, masterKeyId);
    try {
      const decipher = createDecipheriv(algorithm, master.key, wrapped.subarray(0, ivBytes));
      decipher.setAAD(boundTo(streamId));
      decipher.setAuthTag(wrapped.subarray(ivBytes + keyBytes));
      return Buffer.concat([decipher.update(wrapped.subarray(ivBytes, ivBytes + keyBytes)), decipher.final()]);
    } catch {
      throw new AlteredStreamKeyError(streamId, masterKeyId);
    }
  }
}

function boundTo(streamId: string): Buffer {
  return Buffer.from(`crm stream key\0${streamId}`);
}
