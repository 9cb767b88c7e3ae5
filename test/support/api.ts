import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp, type Role, type AppConfig } from '@crm/api';
import { createTestDatabase, testMasterKey, testSigningKey } from '@crm/testing';

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  /** The body as it came over the wire. */
  text: string;
}

export type Call = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<ApiResponse>;

/** The real service on a fresh PostgreSQL database, called over HTTP on loopback. */
export interface TestApi {
  url: string;
  /** The admin key the service was started with. */
  adminKey: string;
  /** The service's database, for writing to it as another process would. */
  databaseUrl: string;
  app: NestFastifyApplication;
  /** Calls as the admin. */
  call: Call;
  /** Calls with a key of this role (issued once, then reused). */
  as(role: Role): Promise<Call>;
  /** Calls with this exact Authorization header, or none. */
  withAuthorization(value: string | undefined): Call;
  close(): Promise<void>;
}

const adminKey = 'e2e-admin-key-0123456789abcdef';

export async function startApi(overrides: Partial<AppConfig> = {}): Promise<TestApi> {
  const database = await createTestDatabase();
  // Tests probe every route without a key; the failed-authentication limit has a test of its own.
  const app = await createApp({ port: 0, databaseUrl: database.url, dataDir: 'unused', masterKey: testMasterKey, signingKey: testSigningKey, adminKey, authFailuresPerMinute: 1_000_000, ...overrides }, ['error', 'warn']);
  await app.listen(0, '127.0.0.1');
  const url = await app.getUrl();
  const caller = (authorization: string | undefined): Call => async (method, path, body, headers = {}) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(authorization ? { authorization } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined, text };
  };
  const call = caller(`Bearer ${adminKey}`);
  const keys = new Map<Role, Promise<Call>>();
  return {
    url,
    adminKey,
    databaseUrl: database.url,
    app,
    call,
    as(role) {
      if (!keys.has(role)) {
        keys.set(
          role,
          call('POST', '/v1/api-keys', { name: `e2e-${role}`, role }).then((r) => {
            if (r.status !== 201) throw new Error(`could not issue a ${role} key: ${JSON.stringify(r.body)}`);
            return caller(`Bearer ${r.body.key}`);
          }),
        );
      }
      return keys.get(role)!;
    },
    withAuthorization: caller,
    async close() {
      await app.close();
      await database.drop();
    },
  };
}

/** Registers an organization customer and returns its id. */
export async function registered(call: Call, customerId: string, extra: Record<string, unknown> = {}): Promise<string> {
  const response = await call('POST', '/v1/customers', { customerId, kind: 'organization', name: `Customer ${customerId}`, ...extra });
  if (response.status !== 201) throw new Error(`registration failed: ${JSON.stringify(response.body)}`);
  return customerId;
}

/** The service on its embedded default (PGlite in a fresh data folder, its own keys made there), removed on close. */
export async function startEmbeddedApi(overrides: Partial<AppConfig> = {}): Promise<TestApi> {
  const dataDir = mkdtempSync(join(tmpdir(), 'crm-embedded-'));
  try {
    const api = await startApi({ databaseUrl: undefined, dataDir, masterKey: undefined, signingKey: undefined, ...overrides });
    return {
      ...api,
      async close() {
        await api.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/** Where a suite runs: the service on PostgreSQL and on the embedded default, each started alike. */
export const storages: [string, (overrides?: Partial<AppConfig>) => Promise<TestApi>][] = [
  ['PostgreSQL', startApi],
  ['embedded PGlite', startEmbeddedApi],
];
