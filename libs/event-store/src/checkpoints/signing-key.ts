import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { keyIdOf } from './signed-checkpoint';

/** A new Ed25519 private key, as PKCS#8 PEM (what `CRM_SIGNING_KEY` and the key file hold). */
export function newSigningKeyPem(): string {
  return generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

/**
 * An Ed25519 private key from PKCS#8 PEM (line breaks may be written `\n`, as
 * an environment variable often carries them) or from base64 of its DER form.
 */
export function parseSigningKey(text: string): KeyObject {
  const trimmed = text.trim().replace(/\\n/g, '\n');
  let key: KeyObject;
  try {
    key = trimmed.startsWith('-----BEGIN')
      ? createPrivateKey(trimmed)
      : createPrivateKey({ key: Buffer.from(trimmed, 'base64'), format: 'der', type: 'pkcs8' });
  } catch {
    throw new Error('is not a PKCS#8 private key (PEM, or base64 of its DER form)');
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`is an ${key.asymmetricKeyType} key, not Ed25519`);
  return key;
}

/** What auditors verify checkpoints with: the public half as SPKI PEM, and its id. */
export function publicSigningKey(privateKey: KeyObject): { keyId: string; publicKey: KeyObject; pem: string } {
  const publicKey = createPublicKey(privateKey);
  return { keyId: keyIdOf(publicKey), publicKey, pem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}
