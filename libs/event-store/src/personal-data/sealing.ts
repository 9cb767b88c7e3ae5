import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { JsonObject } from '../event-store';

const algorithm = 'aes-256-gcm';
const ivBytes = 12;
const tagBytes = 16;

/** A new random key for one stream. */
export function newStreamKey(): Buffer {
  return randomBytes(32);
}

/**
 * Seals personal fields with AES-256-GCM: base64 of iv | ciphertext | tag. The
 * additional data binds the sealed text to its stream and event, so it cannot
 * be moved to another event and opened there.
 */
export function seal(key: Buffer, fields: JsonObject, boundTo: string): string {
  const iv = randomBytes(ivBytes);
  const cipher = createCipheriv(algorithm, key, iv);
  cipher.setAAD(Buffer.from(boundTo));
  const body = Buffer.concat([cipher.update(JSON.stringify(fields), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64');
}

/** Opens what `seal` made; throws if the key is not the one it was sealed with or the text was altered. */
export function unseal(key: Buffer, sealed: string, boundTo: string): JsonObject {
  const bytes = Buffer.from(sealed, 'base64');
  const decipher = createDecipheriv(algorithm, key, bytes.subarray(0, ivBytes));
  decipher.setAAD(Buffer.from(boundTo));
  decipher.setAuthTag(bytes.subarray(bytes.length - tagBytes));
  const plain = Buffer.concat([decipher.update(bytes.subarray(ivBytes, bytes.length - tagBytes)), decipher.final()]);
  return JSON.parse(plain.toString('utf8')) as JsonObject;
}
