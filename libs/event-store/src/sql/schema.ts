import type { SqlClient } from './sql-client';

/**
 * Ordered, append-only list of migrations. Each runs once, in a transaction,
 * under an advisory lock so that concurrent starts do not race.
 */
const migrations: readonly string[] = [
  `
  -- CACHE 1: a cached sequence hands lower numbers out later, which would let
  -- a $all reader pass a position that a slow writer still holds.
  create sequence crm_events_position_seq as bigint start 1 cache 1;

  -- The transaction id is taken before the position is drawn: a $all reader
  -- that sees a hole knows its owner was already running (DESIGN.md §3).
  create function crm_next_position() returns bigint language plpgsql volatile as $$
  begin
    perform pg_current_xact_id();
    return nextval('crm_events_position_seq');
  end
  $$;

  -- What each link of the per-stream hash chain covers. jsonb's text form is
  -- deterministic (keys sorted), so the link is computed and checked in SQL.
  -- Instants enter as epoch microseconds, independent of the session time zone.
  create function crm_event_digest(
    prev_hash bytea, stream_id text, stream_version integer, event_id uuid, type text,
    schema_version integer, data jsonb, metadata jsonb, occurred_at timestamptz, recorded_at timestamptz
  ) returns bytea language sql immutable parallel safe as $$
    select sha256(prev_hash || convert_to(jsonb_build_object(
      'streamId', stream_id, 'streamVersion', stream_version, 'eventId', event_id, 'type', type,
      'schemaVersion', schema_version, 'data', data, 'metadata', metadata,
      'occurredAt', (extract(epoch from occurred_at) * 1000000)::bigint,
      'recordedAt', (extract(epoch from recorded_at) * 1000000)::bigint
    )::text, 'UTF8'))
  $$;

  create table crm_events (
    position bigint primary key default crm_next_position(),
    event_id uuid not null,
    stream_id text not null,
    stream_version integer not null,
    type text not null,
    schema_version integer not null,
    data jsonb not null,
    metadata jsonb not null,
    occurred_at timestamptz not null,
    recorded_at timestamptz not null,
    hash bytea not null,
    constraint crm_events_event_id_key unique (event_id),
    constraint crm_events_stream_version_key unique (stream_id, stream_version)
  );
  alter sequence crm_events_position_seq owned by crm_events.position;
  `,
];

export async function migrate(client: SqlClient): Promise<void> {
  await client.transaction(async (tx) => {
    await tx.query(`select pg_advisory_xact_lock(7262001)`);
    await tx.query(`create table if not exists crm_schema_migrations (
      version integer primary key, applied_at timestamptz not null default now())`);
    const rows = await tx.query<{ version: number }>(`select coalesce(max(version), 0)::int as version from crm_schema_migrations`);
    const current = rows[0]?.version ?? 0;
    for (let version = current + 1; version <= migrations.length; version++) {
      await tx.exec(migrations[version - 1]);
      await tx.query(`insert into crm_schema_migrations (version) values ($1)`, [version]);
    }
  });
}
