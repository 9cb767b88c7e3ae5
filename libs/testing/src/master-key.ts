import { randomBytes } from 'node:crypto';

/**
 * The master key of the services a test starts on one database (in process, or as processes
 * given `CRM_MASTER_KEY`): random, one per test file, so that all it starts read each other's
 * personal data, and none makes a key file in the working folder.
 */
export const testMasterKey = randomBytes(32);

/** As `CRM_MASTER_KEY` takes it. */
export const testMasterKeyText = testMasterKey.toString('base64');
