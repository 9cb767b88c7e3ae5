import type { Migrations } from '@crm/event-store';

/**
 * The projections' bookkeeping. A projection's rows live in generations: fresh tables per
 * (re)build, `crm_read.<table>_g<n>`, with a view `crm_read.<table>` on the active one. A
 * generation's checkpoint moves in the transaction that writes its rows. A lease says which
 * process applies a projection, so that processes sharing a database never apply one twice.
 */
export const projectionMigrations: Migrations = {
  table: 'crm_projection_migrations',
  lock: 7262004,
  steps: [
    `create schema if not exists crm_read;
     create table crm_projection_generations (
       name text not null,
       generation integer not null,
       version integer not null,
       status text not null check (status in ('building', 'active', 'retired', 'failed')),
       position bigint not null default 0,
       target_position bigint not null default 0,
       applied_recorded_at timestamptz,
       error text,
       created_at timestamptz not null default now(),
       activated_at timestamptz,
       primary key (name, generation)
     );
     create unique index crm_projection_one_active on crm_projection_generations (name) where status = 'active';
     create unique index crm_projection_one_building on crm_projection_generations (name) where status = 'building';
     create table crm_projection_leases (
       name text primary key,
       holder text not null,
       expires_at timestamptz not null
     );`,
  ],
};
