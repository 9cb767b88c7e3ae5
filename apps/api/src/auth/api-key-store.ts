import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { SqlClient } from '@crm/event-store';
import { SQL_CLIENT } from '../database/database.module';
import type { Principal, Role } from './roles';

/** What an admin may see of a key: never its secret or hash. */
export interface ApiKeyInfo {
  id: string;
  name: string;
  role: Role;
  createdAt: string;
  revokedAt: string | null;
}

export type Revocation = 'revoked' | 'unknown' | 'last-admin';

export interface IssuedKey extends Principal {
  /** The secret itself: shown once, stored only as a hash. */
  key: string;
}

/** A key is 32 random bytes: an unsalted SHA-256 is enough to make the stored form useless to a thief. */
const hashOf = (key: string) => createHash('sha256').update(key).digest('hex');

/** How long a key's check is trusted when no revocation notice arrives (e.g. the notice connection was down). */
const cacheMs = 30_000;
/** Revocations are announced on this channel (payload: the key id), so that every process forgets the key at once. */
const revokedChannel = 'crm_api_key_revoked';
/** Unknown keys are remembered too (as null), so the cache is bounded against a flood of made-up keys. */
const cacheEntries = 10_000;

@Injectable()
export class ApiKeyStore implements OnModuleInit, OnModuleDestroy {
  private readonly cache = new Map<string, { principal: Principal | null; until: number }>();
  private stopListening?: () => Promise<void>;

  constructor(@Inject(SQL_CLIENT) private readonly db: SqlClient) {}

  async onModuleInit(): Promise<void> {
    this.stopListening = await this.db.listen(revokedChannel, (keyId) => this.forget(keyId));
  }

  async onModuleDestroy(): Promise<void> {
    await this.stopListening?.();
  }

  async issue(name: string, role: Role): Promise<IssuedKey> {
    return this.store(`crm_${randomBytes(32).toString('base64url')}`, name, role);
  }

  /** Registers a key whose secret the operator chose (CRM_ADMIN_KEY); idempotent. */
  async ensure(key: string, name: string, role: Role): Promise<void> {
    const [found] = await this.db.query(`select 1 from crm_api_keys where key_hash = $1`, [hashOf(key)]);
    if (!found) await this.store(key, name, role);
  }

  async count(): Promise<number> {
    const [row] = await this.db.query<{ n: number }>(`select count(*)::int as n from crm_api_keys`);
    return row.n;
  }

  /** Cached by the key itself, which every request carries in memory anyway: no hash per request. */
  async authenticate(key: string): Promise<Principal | null> {
    const cached = this.cache.get(key);
    if (cached && cached.until > Date.now()) return cached.principal;
    const hash = hashOf(key);
    const [row] = await this.db.query<{ id: string; name: string; role: Role }>(
      `select id::text, name, role from crm_api_keys where key_hash = $1 and revoked_at is null`,
      [hash],
    );
    const principal = row ? { keyId: row.id, name: row.name, role: row.role } : null;
    if (this.cache.size >= cacheEntries) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, { principal, until: Date.now() + cacheMs });
    return principal;
  }

  async list(): Promise<ApiKeyInfo[]> {
    const rows = await this.db.query<{ id: string; name: string; role: Role; created_at: Date; revoked_at: Date | null }>(
      `select id::text, name, role, created_at, revoked_at from crm_api_keys order by created_at, id`,
    );
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      role: row.role,
      createdAt: row.created_at.toISOString(),
      revokedAt: row.revoked_at?.toISOString() ?? null,
    }));
  }

  /**
   * Revokes a key: at once in this process, and in others as soon as they
   * hear the notice sent at commit (within 30 s should they miss it).
   * Revoking a revoked key changes nothing. The last admin key stays: without
   * it nobody could issue keys any more.
   */
  async revoke(id: string): Promise<Revocation> {
    const outcome = await this.db.transaction(async (tx): Promise<Revocation> => {
      // One revocation at a time, so that two cannot take away the last two admin keys together.
      await tx.query(`select pg_advisory_xact_lock(7262002)`);
      const [key] = await tx.query<{ role: Role; revoked: boolean }>(
        `select role, revoked_at is not null as revoked from crm_api_keys where id = $1`,
        [id],
      );
      if (!key) return 'unknown';
      if (key.revoked) return 'revoked';
      if (key.role === 'admin') {
        const [admins] = await tx.query<{ n: number }>(`select count(*)::int as n from crm_api_keys where role = 'admin' and revoked_at is null`);
        if (admins.n <= 1) return 'last-admin';
      }
      await tx.query(`update crm_api_keys set revoked_at = now() where id = $1`, [id]);
      await tx.query(`select pg_notify($1, $2)`, [revokedChannel, id]);
      return 'revoked';
    });
    this.forget(id);
    return outcome;
  }

  private forget(keyId: string): void {
    for (const [key, { principal }] of this.cache) if (principal?.keyId === keyId) this.cache.delete(key);
  }

  private async store(key: string, name: string, role: Role): Promise<IssuedKey> {
    const id = randomUUID();
    await this.db.query(`insert into crm_api_keys (id, name, role, key_hash) values ($1, $2, $3, $4)`, [id, name, role, hashOf(key)]);
    return { keyId: id, name, role, key };
  }
}
