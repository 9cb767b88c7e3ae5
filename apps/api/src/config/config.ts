/** The service's settings, read once from the environment at start. */
export interface AppConfig {
  port: number;
  /** PostgreSQL server for events and read models; absent means embedded PGlite. */
  databaseUrl?: string;
  /** Folder of the embedded database. */
  dataDir: string;
  /** An admin API key to register at start (CRM_ADMIN_KEY). */
  adminKey?: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number (0-65535), not ${JSON.stringify(env.PORT)}`);
  }
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('DATABASE_URL must be a postgres:// or postgresql:// URL');
  }
  const adminKey = env.CRM_ADMIN_KEY?.trim() || undefined;
  if (adminKey && adminKey.length < 16) throw new Error('CRM_ADMIN_KEY must be at least 16 characters long');
  return { port, databaseUrl, dataDir: env.CRM_DATA_DIR?.trim() || './data', adminKey };
}
