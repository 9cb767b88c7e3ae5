import type { Migrations } from './migrations';

/** The event store's schema. */
export const eventStoreMigrations: Migrations = {
  table: 'crm_schema_migrations',
  lock: 7262001,
  steps: [
    `
  -- CACHE 1: a cached sequence hands lower numbers out later, which would let
  -- a $all reader pass a position that a slow writer still holds.
  create sequence crm_events_position_seq as bigint start 1 cache 1;

  -- What each link of the per-stream hash chain covers, as bytes:
  --   version|eventId|type|schemaVersion|occurredAt|recordedAt|data|metadata|streamId
  -- Instants are epoch microseconds (no time zone enters), data and metadata
  -- are jsonb's own text form, which is deterministic (keys sorted), so a link
  -- is computed and checked in SQL without re-serialising anything. The split
  -- is unambiguous: the first six fields cannot hold '|' (type is checked
  -- below), JSON texts are self-delimiting and the stream id comes last.
  -- STABLE, not IMMUTABLE: extract() from a timestamptz is stable, and a SQL
  -- function is only inlined when it claims no more than its body is; not
  -- inlined, its body would be planned again on every append (~0.2 ms).
  create function crm_event_canonical(
    stream_id text, stream_version integer, event_id uuid, type text, schema_version integer,
    data jsonb, metadata jsonb, occurred_at timestamptz, recorded_at timestamptz
  ) returns bytea language sql stable parallel safe as $$
    select convert_to(
      stream_version::text || '|' || event_id::text || '|' || type || '|' || schema_version::text || '|' ||
      (extract(epoch from occurred_at) * 1000000)::bigint::text || '|' ||
      (extract(epoch from recorded_at) * 1000000)::bigint::text || '|' ||
      data::text || '|' || metadata::text || '|' || stream_id, 'UTF8')
  $$;

  -- hash(n) = sha256(hash(n-1) || canonical(n)), for a whole append in one
  -- call: one function entry instead of one per event (PL/pgSQL entry is what
  -- costs, ~15 us an event as an aggregate's step function).
  create function crm_chain_links(seed bytea, canonicals bytea[]) returns bytea[]
  language plpgsql immutable parallel safe as $$
  declare
    link bytea := seed;
    links bytea[] := '{}';
  begin
    for i in 1 .. coalesce(array_length(canonicals, 1), 0) loop
      link := sha256(link || canonicals[i]);
      links[i] := link;
    end loop;
    return links;
  end
  $$;

  -- tx_id: the writer's transaction id, taken (in the append statement) before
  -- its positions are drawn, so that a $all reader that meets a hole knows the
  -- owner was already running when it looked (DESIGN.md §3).

  create table crm_events (
    position bigint primary key default nextval('crm_events_position_seq'),
    tx_id xid8 not null,
    event_id uuid not null,
    stream_id text not null,
    stream_version integer not null,
    type text not null check (type ~ '^[A-Za-z][A-Za-z0-9_.:-]*$'),
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
    `
  -- Crypto-shredding: each stream's personal data is sealed with the stream's
  -- own key. Shredding sets the key to null and keeps the row as a tombstone,
  -- so that no new key can be made for the stream and nothing sealed after
  -- the erasure could be read again.
  create table crm_stream_keys (
    stream_id text primary key,
    key bytea check (key is null or length(key) = 32),
    created_at timestamptz not null default now(),
    shredded_at timestamptz,
    check ((key is null) = (shredded_at is not null))
  );
    `,
    `
  -- A $all reader may only pass a hole whose owner it can see running, so a
  -- writer must have its transaction id before it draws a position (DESIGN.md
  -- §3). Our append statements take it first and draw positions themselves;
  -- this default does the same for every other insert path (COPY, a
  -- migration, an operator's INSERT). The plain nextval() it replaces drew the
  -- position while the row was built and the xid only when it was stored: a
  -- reader looking in between passed that position for good.
  create function crm_next_position() returns bigint language plpgsql volatile as $$
  begin
    perform pg_current_xact_id();
    return nextval('crm_events_position_seq');
  end
  $$;
  -- tx_id is not read by $all readers (they learn a hole's owners from
  -- snapshots); the default records the writer as our statements do. hash
  -- has none: a link depends on the event before it, and verify() reports a
  -- row inserted without the right one.
  alter table crm_events
    alter column position set default crm_next_position(),
    alter column tx_id set default pg_current_xact_id();
    `,
    `
  -- Envelope encryption: a stream's key is stored only wrapped under a master
  -- key that the database never sees (AES-256-GCM, bound to the stream id),
  -- beside that master key's id, so that a dump alone opens no personal data.
  -- \`key\` held the keys in plain before: the store wraps those at open and
  -- clears them; from this step on a new row may not fill it (NOT VALID: the
  -- check holds for every row written from now, and the old ones are emptied
  -- at open). A tombstone has no key of any kind.
  alter table crm_stream_keys
    add column wrapped_key bytea,
    add column master_key_id text check (master_key_id ~ '^[0-9a-f]{16}$'),
    drop constraint crm_stream_keys_check,
    add constraint crm_stream_keys_wrapped_under_id check ((wrapped_key is null) = (master_key_id is null)),
    add constraint crm_stream_keys_tombstone_keyless check ((shredded_at is not null) = (wrapped_key is null and key is null)),
    add constraint crm_stream_keys_no_plain_key check (key is null) not valid;
  -- The keys under one master key, in stream order (a rotation's batches), and
  -- the few ids in use (one probe each at open).
  create index crm_stream_keys_master_key on crm_stream_keys (master_key_id, stream_id);
  -- The plain keys left to wrap: empty once they are, so the look at every open costs nothing.
  create index crm_stream_keys_plain on crm_stream_keys (stream_id) where key is not null;
    `,
    `
  -- Keys per data subject: a contact person's own personal data is sealed under
  -- a key of their own, in a row named after the stream and the subject joined
  -- by U+001F (chr(31)), which no stream id holds (key-names.ts). The
  -- customer's erasure shreds its stream's key and every subject's key on the
  -- stream: this index finds those without a pass over every key, whatever the
  -- database's collation (a prefix LIKE uses an index only under C). Only
  -- subjects' rows are in it.
  create index crm_stream_keys_subjects on crm_stream_keys (split_part(stream_id, chr(31), 1)) where strpos(stream_id, chr(31)) > 0;
    `,
    `
  -- Feeds and subscriptions filtered by type read their rows by this index up to
  -- a settled position, rather than every event of $all (settled-horizon.ts).
  create index crm_events_type_position on crm_events (type, position);
    `,
  ],
};
