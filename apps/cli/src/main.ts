#!/usr/bin/env node
import { commandUsage, parseCommandLine, usage, UsageError } from './command-line';
import { commands } from './commands';

/** `crm <command> …`: exit 0 done, 1 failed, 2 a usage error. */
async function main(argv: readonly string[]): Promise<number> {
  let invocation;
  try {
    invocation = parseCommandLine(argv, commands);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    const name = error.command ? `crm ${error.command.name}` : 'crm';
    process.stderr.write(`${name}: ${error.message}\n\n${error.command ? commandUsage(error.command) : usage(commands)}`);
    return 2;
  }
  if ('help' in invocation) {
    process.stdout.write(invocation.help);
    return 0;
  }
  try {
    return await invocation.command.run(invocation.positionals, invocation.options);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`crm ${invocation.command.name}: ${error.message}\n\n${commandUsage(invocation.command)}`);
      return 2;
    }
    // The environment's settings, the database unreachable or in use: what to fix, without a stack.
    process.stderr.write(`crm ${invocation.command.name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
