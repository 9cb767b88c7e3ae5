import { loadRuntimeConfig, type RuntimeConfig } from '@crm/application';

/** The service's settings, read once from the environment at start. */
export interface AppConfig extends RuntimeConfig {
  port: number;
  /** An admin API key to register at start (CRM_ADMIN_KEY). */
  adminKey?: string;
  /** Failed authentications an address may make in a minute before it waits (429); CRM_AUTH_FAILURES_PER_MINUTE, default 30. */
  authFailuresPerMinute?: number;
  /** Seconds after which a claimed Idempotency-Key without an answer is taken for dead; CRM_IDEMPOTENCY_CLAIM_SECONDS, default 120. */
  idempotencyClaimSeconds?: number;
  /** Whether this process applies the read models (CRM_PROJECTIONS=on|off, default on). */
  runProjections?: boolean;
  /** Longest quiet time on a live event stream before a `: ping` (CRM_SSE_HEARTBEAT_SECONDS, default 15). */
  liveHeartbeatSeconds?: number;
  /** How long a live consumer that reads nothing is held paused before it is dropped (CRM_SSE_SLOW_CONSUMER_SECONDS, default 30). */
  liveSlowConsumerSeconds?: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number (0-65535), not ${JSON.stringify(env.PORT)}`);
  }
  const adminKey = env.CRM_ADMIN_KEY?.trim() || undefined;
  if (adminKey && adminKey.length < 16) throw new Error('CRM_ADMIN_KEY must be at least 16 characters long');
  const authFailuresPerMinute = wholeNumber(env, 'CRM_AUTH_FAILURES_PER_MINUTE');
  const idempotencyClaimSeconds = wholeNumber(env, 'CRM_IDEMPOTENCY_CLAIM_SECONDS');
  const liveHeartbeatSeconds = wholeNumber(env, 'CRM_SSE_HEARTBEAT_SECONDS');
  const liveSlowConsumerSeconds = wholeNumber(env, 'CRM_SSE_SLOW_CONSUMER_SECONDS');
  const projections = env.CRM_PROJECTIONS?.trim() || 'on';
  if (projections !== 'on' && projections !== 'off') throw new Error(`CRM_PROJECTIONS must be on or off, not ${JSON.stringify(env.CRM_PROJECTIONS)}`);
  return {
    port,
    ...loadRuntimeConfig(env),
    adminKey,
    ...(authFailuresPerMinute ? { authFailuresPerMinute } : {}),
    ...(idempotencyClaimSeconds ? { idempotencyClaimSeconds } : {}),
    runProjections: projections === 'on',
    ...(liveHeartbeatSeconds ? { liveHeartbeatSeconds } : {}),
    ...(liveSlowConsumerSeconds ? { liveSlowConsumerSeconds } : {}),
  };
}

function wholeNumber(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const text = env[name]?.trim();
  if (!text) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a whole number above 0, not ${JSON.stringify(text)}`);
  return value;
}
