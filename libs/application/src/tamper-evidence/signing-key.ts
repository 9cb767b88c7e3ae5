import { join } from 'node:path';
import type { KeyObject } from 'node:crypto';
import { newSigningKeyPem, parseSigningKey, readOrMakeKeyFile } from '@crm/event-store';

/** Where the checkpoints' signing key is kept when none is given: `<CRM_DATA_DIR>/keys/signing-key.pem`. */
export function signingKeyFileIn(dataDir: string): string {
  return join(dataDir, 'keys', 'signing-key.pem');
}

/**
 * The Ed25519 key that signs checkpoints: the one given (CRM_SIGNING_KEY), or
 * else the data folder's key file, made on the first start. It never enters
 * the database: whoever can write there cannot sign.
 */
export function signingKeyOf(config: { signingKey?: KeyObject; dataDir: string }): KeyObject {
  if (config.signingKey) return config.signingKey;
  const file = signingKeyFileIn(config.dataDir);
  const { text } = readOrMakeKeyFile(file, newSigningKeyPem);
  try {
    return parseSigningKey(text);
  } catch (error) {
    throw new Error(`The signing key file ${file} ${(error as Error).message}`);
  }
}
