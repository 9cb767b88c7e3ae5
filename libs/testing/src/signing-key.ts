import { createPrivateKey, generateKeyPairSync } from 'node:crypto';

/**
 * The checkpoints' signing key of the services a test starts on one database (in process,
 * or as processes given `CRM_SIGNING_KEY`): one per test file, so that all of them and the
 * `crm` they run sign alike, and none makes a key file in the working folder.
 */
export const testSigningKeyText = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

export const testSigningKey = createPrivateKey(testSigningKeyText);
