import type { Command } from './command';
import { projectCommand } from './project/project-command';
import { rebuildCommand } from './rebuild/rebuild-command';

/** Every `crm` command, in the order the usage lists them. */
export const commands: readonly Command[] = [projectCommand, rebuildCommand];
