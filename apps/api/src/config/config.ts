import { complaintSeverities, type ComplaintSlaHours } from '../../../../libs/domain/src';

/** The service's settings, read once from the environment at start. */
export interface AppConfig {
  port: number;
  /** PostgreSQL server for events and read models; absent means embedded PGlite. */
  databaseUrl?: string;
  /** Folder of the embedded database. */
  dataDir: string;
  /** An admin API key to register at start (CRM_ADMIN_KEY). */
  adminKey?: string;
  /** Hours until a complaint is due, per severity (CRM_COMPLAINT_SLA_HOURS=critical=2,high=12). */
  complaintSlaHours?: Partial<ComplaintSlaHours>;
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
  const complaintSlaHours = parseSlaHours(env.CRM_COMPLAINT_SLA_HOURS);
  return { port, databaseUrl, dataDir: env.CRM_DATA_DIR?.trim() || './data', adminKey, complaintSlaHours };
}

function parseSlaHours(text: string | undefined): Partial<ComplaintSlaHours> | undefined {
  if (!text?.trim()) return undefined;
  const hours: Partial<Record<string, number>> = {};
  for (const part of text.split(',')) {
    const [severity, value] = part.split('=').map((s) => s.trim());
    if (!(complaintSeverities as readonly string[]).includes(severity) || !(Number(value) > 0)) {
      throw new Error(`CRM_COMPLAINT_SLA_HOURS: "${part}" is not <${complaintSeverities.join('|')}>=<hours>`);
    }
    hours[severity] = Number(value);
  }
  return hours;
}
