import type { Command } from './command';
import { projectCommand } from './project/project-command';
import { rebuildCommand } from './rebuild/rebuild-command';
import { checkpointCommand } from './checkpoint/checkpoint-command';
import { verifyCommand } from './verify/verify-command';
import { exportCommand } from './export/export-command';
import { importCommand } from './import/import-command';
import { rotateKeysCommand } from './rotate-keys/rotate-keys-command';

/** Every `crm` command, in the order the usage lists them. */
export const commands: readonly Command[] = [projectCommand, rebuildCommand, checkpointCommand, verifyCommand, exportCommand, importCommand, rotateKeysCommand];
