import { complaintSeverities, tiers, type ComplaintSlaHours, type Tier } from '@crm/domain';
import type { KeyObject } from 'node:crypto';
import { parseMasterKey, parseSigningKey } from '@crm/event-store';
import { loyaltyComponentNames, loyaltyWeights, tierPolicy, type LoyaltyWeights, type TierPolicy } from '@crm/projections';
import type { RuntimeConfig } from './runtime';

/** The settings every process on the database shares (service, CLI, demo), read from the environment. */
export function loadRuntimeConfig(env: NodeJS.ProcessEnv = process.env): RuntimeConfig {
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('DATABASE_URL must be a postgres:// or postgresql:// URL');
  }
  const natsUrl = env.CRM_NATS_URL?.trim() || undefined;
  if (natsUrl && !natsUrl.split(',').every((server) => /^nats:\/\/[^\s/,]+$/.test(server.trim()))) {
    throw new Error(`CRM_NATS_URL must be nats://host:port (several servers comma-separated), not ${JSON.stringify(natsUrl)}`);
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
    ...analyticsSettings(env),
    ...masterKeySettings(env),
    ...checkpointSettings(env),
    ...(lease ? { projectionLeaseSeconds: Number(lease) } : {}),
    ...(natsUrl ? { natsUrl } : {}),
  };
}

/** CRM_MASTER_KEY and CRM_MASTER_KEY_PREVIOUS (comma-separated), each base64 of 32 bytes; a message never repeats a key. */
function masterKeySettings(env: NodeJS.ProcessEnv): Pick<RuntimeConfig, 'masterKey' | 'previousMasterKeys'> {
  const current = env.CRM_MASTER_KEY?.trim();
  const previous = env.CRM_MASTER_KEY_PREVIOUS?.trim();
  const key = (variable: string, text: string) => {
    try {
      return parseMasterKey(text);
    } catch (error) {
      throw new Error(`${variable} ${(error as Error).message}`);
    }
  };
  const previousKeys = previous?.split(',').map((text, i, all) => key(all.length > 1 ? `CRM_MASTER_KEY_PREVIOUS (its key #${i + 1})` : 'CRM_MASTER_KEY_PREVIOUS', text));
  return {
    ...(current ? { masterKey: key('CRM_MASTER_KEY', current) } : {}),
    ...(previousKeys ? { previousMasterKeys: previousKeys } : {}),
  };
}

/** CRM_SIGNING_KEY (an Ed25519 private key, PKCS#8 PEM or base64 DER) and CRM_CHECKPOINT_SECONDS. */
function checkpointSettings(env: NodeJS.ProcessEnv): Pick<RuntimeConfig, 'signingKey' | 'checkpointSeconds'> {
  const key = env.CRM_SIGNING_KEY?.trim();
  const seconds = env.CRM_CHECKPOINT_SECONDS?.trim();
  if (seconds && !(Number.isInteger(Number(seconds)) && Number(seconds) >= 0)) {
    throw new Error(`CRM_CHECKPOINT_SECONDS must be a whole number of seconds (0: only on demand), not ${JSON.stringify(seconds)}`);
  }
  let signingKey: KeyObject | undefined;
  try {
    signingKey = key ? parseSigningKey(key) : undefined;
  } catch (error) {
    throw new Error(`CRM_SIGNING_KEY ${(error as Error).message}`);
  }
  return { ...(signingKey ? { signingKey } : {}), ...(seconds ? { checkpointSeconds: Number(seconds) } : {}) };
}

/** The analytics currency (C3), the tier shares (000) and the loyalty weights (001); each checked here, so a bad one stops the start. */
function analyticsSettings(env: NodeJS.ProcessEnv): Pick<RuntimeConfig, 'analyticsCurrency' | 'tierPolicy' | 'loyaltyWeights'> {
  const currency = env.CRM_ANALYTICS_CURRENCY?.trim();
  if (currency && !/^[A-Z]{3}$/.test(currency)) throw new Error(`CRM_ANALYTICS_CURRENCY must be an ISO 4217 code such as CNY, not ${JSON.stringify(currency)}`);
  const shares = parseNamedNumbers<Record<'key' | 'general', number>>('CRM_TIER_SHARES', env.CRM_TIER_SHARES, ['key', 'general'], 'share', 0);
  const weights = parseNamedNumbers<LoyaltyWeights>('CRM_LOYALTY_WEIGHTS', env.CRM_LOYALTY_WEIGHTS, loyaltyComponentNames, 'weight', 0);
  const setting = <T>(variable: string, make: () => T): T => {
    try {
      return make();
    } catch (error) {
      throw new Error(`${variable}: ${(error as Error).message}`);
    }
  };
  return {
    ...(currency ? { analyticsCurrency: currency } : {}),
    ...(shares ? { tierPolicy: setting<TierPolicy>('CRM_TIER_SHARES', () => tierPolicy({ ...(shares.key !== undefined ? { keyShare: shares.key } : {}), ...(shares.general !== undefined ? { generalShare: shares.general } : {}) })) } : {}),
    ...(weights ? { loyaltyWeights: setting('CRM_LOYALTY_WEIGHTS', () => loyaltyWeights(weights)) } : {}),
  };
}

/** `name=number,…` with names from a fixed list and numbers above `min` (or equal to it when 0), e.g. `critical=8,high=24`. */
function parseNamedNumbers<T extends Record<string, number>>(variable: string, text: string | undefined, names: readonly string[], unit: string, min?: 0): Partial<T> | undefined {
  if (!text?.trim()) return undefined;
  const values: Partial<Record<string, number>> = {};
  for (const part of text.split(',')) {
    const [name, value] = part.split('=').map((s) => s.trim());
    const number = value === undefined || value === '' ? NaN : Number(value);
    const fits = min === 0 ? number >= 0 : number > 0;
    if (!names.includes(name) || !fits) throw new Error(`${variable}: "${part}" is not <${names.join('|')}>=<${unit}>`);
    values[name] = number;
  }
  return values as Partial<T>;
}
