import { loadRuntimeConfig, openRuntime, type Runtime } from '@crm/application';

/**
 * The runtime as the service opens it, from the same environment. The embedded database is
 * one process's at a time (PGlite itself would let a second one in and both would corrupt
 * the folder; the event store's lock refuses it): say so in the terms of the CLI.
 */
export async function openCliRuntime(): Promise<{ runtime: Runtime; where: string }> {
  const config = loadRuntimeConfig(process.env);
  try {
    const runtime = await openRuntime({
      ...config,
      onProjectionError: (message, error) => process.stderr.write(`${message}: ${error instanceof Error ? error.message : String(error)}\n`),
    });
    return { runtime, where: config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `the embedded database in ${config.dataDir}` };
  } catch (error) {
    if (!(error instanceof Error && error.name === 'DataDirInUseError')) throw error;
    const pid = (error as Error & { pid?: number }).pid;
    throw new Error(
      `the embedded database in ${config.dataDir} is open in process ${pid}: the service (or another crm) is running on this data folder. ` +
        'Stop it, or run them on PostgreSQL (DATABASE_URL), where they share the database.',
    );
  }
}
