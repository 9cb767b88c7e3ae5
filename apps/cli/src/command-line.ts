import { parseArgs } from 'node:util';
import type { Command } from './command';

/** The command line does not name a command and its arguments: exit 2 with the usage. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** Whose usage to show; the whole list when none. */
    readonly command?: Command,
  ) {
    super(message);
  }
}

export type Invocation = { help: string } | { command: Command; positionals: string[]; options: Record<string, string | boolean | undefined> };

export function parseCommandLine(argv: readonly string[], commands: readonly Command[]): Invocation {
  const [name, ...rest] = argv;
  if (name === undefined) throw new UsageError('no command given');
  if (name === '--help' || name === '-h' || name === 'help') return { help: usage(commands) };
  const command = commands.find((c) => c.name === name);
  if (!command) throw new UsageError(name.startsWith('-') ? `unknown option ${name}` : `unknown command "${name}"`);
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: { ...command.options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (error) {
    // parseArgs says which option it does not know.
    throw new UsageError(error instanceof Error ? error.message : String(error), command);
  }
  const { help, ...options } = parsed.values as Record<string, string | boolean | undefined>;
  if (help) return { help: commandUsage(command) };
  const { positionals } = parsed;
  if (positionals.length < command.arguments.length) throw new UsageError(`missing ${command.arguments[positionals.length]}`, command);
  if (positionals.length > command.arguments.length) throw new UsageError(`unexpected argument "${positionals[command.arguments.length]}"`, command);
  return { command, positionals, options };
}

export function usage(commands: readonly Command[]): string {
  const lines = commands.map((c) => `  ${`${c.name} ${c.synopsis}`.trim().padEnd(22)}${c.summary}`);
  return [
    'Usage: crm <command> [arguments]',
    '',
    'Commands:',
    ...lines,
    '',
    'crm reaches the database the service uses, from the same environment: DATABASE_URL (PostgreSQL),',
    'else the embedded database in CRM_DATA_DIR (default ./data), with the master key the service has',
    '(CRM_MASTER_KEY, else the key file in CRM_DATA_DIR). `crm <command> --help` tells more.',
    '',
  ].join('\n');
}

export function commandUsage(command: Command): string {
  return `Usage: crm ${command.name} ${command.synopsis}`.trimEnd() + `\n\n${command.description}\n`;
}
