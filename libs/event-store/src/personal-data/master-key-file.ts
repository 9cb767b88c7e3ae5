import { readOrMakeKeyFile } from '../key-file';
import { formatMasterKey, newMasterKey, parseMasterKey } from './master-keys';

/**
 * The master key kept in a file (base64, as `CRM_MASTER_KEY` takes it), made
 * on first use: mode 0600 in a folder of mode 0700. Processes that start
 * together get the same key: each writes a whole file of its own and links it
 * into place, which only the first does; the others read the winner's. A
 * made file is on disk before it is used, since a key lost after it wrapped
 * anything loses that personal data.
 */
export function readOrMakeMasterKeyFile(path: string): { key: Buffer; made: boolean } {
  const { text, made } = readOrMakeKeyFile(path, () => formatMasterKey(newMasterKey()));
  try {
    return { key: parseMasterKey(text), made };
  } catch (error) {
    throw new Error(`The master key file ${path} ${(error as Error).message}`);
  }
}
