import { loadRuntimeConfig, type RuntimeConfig } from '@crm/application';

/** The service's settings, read once from the environment at start. */
export interface AppConfig extends RuntimeConfig {
  port: number;
  /** An admin API key to register at start (CRM_ADMIN_KEY). */
  adminKey?: string;
  /** Failed authentications an address may make in a minute before it waits (429); CRM_AUTH_FAILURES_PER_MINUTE, default 30. */
  authFailuresPerMinute?: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number (0-65535), not ${JSON.stringify(env.PORT)}`);
  }
  const adminKey = env.CRM_ADMIN_KEY?.trim() || undefined;
  if (adminKey && adminKey.length < 16) throw new Error('CRM_ADMIN_KEY must be at least 16 characters long');
  const failures = env.CRM_AUTH_FAILURES_PER_MINUTE?.trim();
  const authFailuresPerMinute = failures ? Number(failures) : undefined;
  if (authFailuresPerMinute !== undefined && !(Number.isInteger(authFailuresPerMinute) && authFailuresPerMinute > 0)) {
    throw new Error(`CRM_AUTH_FAILURES_PER_MINUTE must be a whole number above 0, not ${JSON.stringify(failures)}`);
  }
  return { port, ...loadRuntimeConfig(env), adminKey, ...(authFailuresPerMinute ? { authFailuresPerMinute } : {}) };
}
