import { complaintSeverities, type ComplaintSlaHours } from '@crm/domain';
import type { RuntimeConfig } from './runtime';

/** The settings every process on the database shares (service, CLI, demo), read from the environment. */
export function loadRuntimeConfig(env: NodeJS.ProcessEnv = process.env): RuntimeConfig {
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('DATABASE_URL must be a postgres:// or postgresql:// URL');
  }
  const lease = env.CRM_PROJECTION_LEASE_SECONDS?.trim();
  if (lease && !(Number.isInteger(Number(lease)) && Number(lease) > 0)) {
    throw new Error(`CRM_PROJECTION_LEASE_SECONDS must be a whole number above 0, not ${JSON.stringify(lease)}`);
  }
  return {
    databaseUrl,
    dataDir: env.CRM_DATA_DIR?.trim() || './data',
    complaintSlaHours: parseSlaHours(env.CRM_COMPLAINT_SLA_HOURS),
    ...(lease ? { projectionLeaseSeconds: Number(lease) } : {}),
  };
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
