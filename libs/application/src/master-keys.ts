import { join } from 'node:path';
import { MasterKeys, readOrMakeMasterKeyFile } from '@crm/event-store';
import type { RuntimeConfig } from './runtime';

/** Where the master key is kept when none is given: `<CRM_DATA_DIR>/keys/master-key`. */
export function masterKeyFileIn(dataDir: string): string {
  return join(dataDir, 'keys', 'master-key');
}

/**
 * The master keys that wrap the streams' keys: the one given (CRM_MASTER_KEY),
 * or else the data folder's key file, made on the first start; and the
 * previous ones (CRM_MASTER_KEY_PREVIOUS), accepted until a rotation is done.
 */
export function masterKeysOf(config: Pick<RuntimeConfig, 'masterKey' | 'previousMasterKeys' | 'dataDir'>): MasterKeys {
  const previous = (config.previousMasterKeys ?? []).map((key, i) => ({ key, origin: `CRM_MASTER_KEY_PREVIOUS #${i + 1}` }));
  if (config.masterKey) return new MasterKeys({ key: config.masterKey, origin: 'CRM_MASTER_KEY' }, previous);
  const file = masterKeyFileIn(config.dataDir);
  const { key, made } = readOrMakeMasterKeyFile(file);
  return new MasterKeys({ key, origin: made ? `${file}, made at this start` : file }, previous);
}
