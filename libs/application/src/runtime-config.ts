import { complaintSeverities, tiers, type ComplaintSlaHours, type Tier } from '@crm/domain';
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
    complaintSlaHours: parseNamedNumbers<ComplaintSlaHours>('CRM_COMPLAINT_SLA_HOURS', env.CRM_COMPLAINT_SLA_HOURS, complaintSeverities, 'hours'),
    careCadenceDays: parseNamedNumbers<Record<Tier, number>>('CRM_CARE_CADENCE_DAYS', env.CRM_CARE_CADENCE_DAYS, tiers, 'days'),
    ...(lease ? { projectionLeaseSeconds: Number(lease) } : {}),
  };
}

/** `name=number,…` with names from a fixed list and numbers above 0, e.g. `critical=8,high=24`. */
function parseNamedNumbers<T extends Record<string, number>>(variable: string, text: string | undefined, names: readonly string[], unit: string): Partial<T> | undefined {
  if (!text?.trim()) return undefined;
  const values: Partial<Record<string, number>> = {};
  for (const part of text.split(',')) {
    const [name, value] = part.split('=').map((s) => s.trim());
    if (!names.includes(name) || !(Number(value) > 0)) throw new Error(`${variable}: "${part}" is not <${names.join('|')}>=<${unit}>`);
    values[name] = Number(value);
  }
  return values as Partial<T>;
}
