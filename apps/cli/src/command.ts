/** One `crm <name> …` command. */
export interface Command {
  name: string;
  /** What follows the name in the usage line, e.g. `<name|all>`. */
  synopsis: string;
  /** One line for the list of commands. */
  summary: string;
  /** More for `crm <name> --help`. */
  description: string;
  /** The positional arguments it requires, by name; it takes no others. */
  arguments: readonly string[];
  /** The options it takes (`--name value`, or `--name` for a flag), beside `--help`. */
  options?: Readonly<Record<string, { type: 'string' | 'boolean' }>>;
  /** Answers the exit code: 0 done, 1 failed, 2 a usage error. */
  run(positionals: readonly string[], options: Readonly<Record<string, string | boolean | undefined>>): Promise<number>;
}
