import type { Migrations } from '@crm/event-store';

/**
 * The service's own tables (API keys, Idempotency-Key answers), beside the
 * event store's. The first steps say "if not exists" because databases made
 * before these migrations existed already hold those tables.
 */
export const serviceMigrations: Migrations = {
  table: 'crm_app_migrations',
  lock: 7262003,
  steps: [
    `create table if not exists crm_api_keys (
       id uuid primary key, name text not null, role text not null, key_hash text not null unique,
       created_at timestamptz not null default now())`,
    `alter table crm_api_keys add column if not exists revoked_at timestamptz`,
    `create table if not exists crm_idempotency_keys (
       api_key_id uuid not null, idempotency_key text not null, request_hash text not null,
       status integer, body jsonb, etag text, created_at timestamptz not null default now(),
       primary key (api_key_id, idempotency_key))`,
    // A replay must answer the very text that went out: json keeps it, jsonb reorders keys.
    `alter table crm_idempotency_keys alter column body type json using body::text::json`,
    // The stream a request wrote, so that erasing the customer deletes the answers that hold its personal data.
    `alter table crm_idempotency_keys add column stream_id text;
     create index crm_idempotency_keys_stream on crm_idempotency_keys (stream_id) where stream_id is not null`,
  ],
};
