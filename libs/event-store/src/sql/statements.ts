import type { PreparedEvent } from '../validation';

/**
 * The SQL of the event store, shared by every PostgreSQL-speaking adapter.
 * Columns come back in the shape `toRecordedEvent` reads.
 */

const eventColumns = `position, event_id::text as event_id, stream_id, stream_version, type, schema_version,
  data, metadata, occurred_at, recorded_at`;

/**
 * Every append is one statement, one round trip: it takes the transaction id
 * before any position is drawn (the materialized CTE is joined into the rows
 * whose positions are then drawn), checks the expected version (null for
 * `any`, -1 for no stream), links each event into its stream's hash chain and
 * inserts. It inserts nothing when the check fails; a concurrent writer that
 * wins the race makes it fail on the (stream_id, stream_version) key.
 */

/**
 * Our statements draw positions themselves, once the xid is taken: the column
 * default (`crm_next_position()`, for every other insert path) does the same
 * through a PL/pgSQL call, which costs ~5% of a one-event append.
 */
const nextPosition = `nextval('crm_events_position_seq')`;

const canonical = 'crm_event_canonical($1, version, event_id, type, schema_version, data, metadata, occurred_at, recorded_at)';

/**
 * One event, the most frequent append, in its own statement: its fields come
 * as parameters $3-$8 (no JSON array to take apart) and its link is a plain
 * expression (no function call to set up per transaction). About 10% faster.
 * `start` is a CTE answering the version to write, the seed (the previous
 * event's hash) and the recording time, or no row when the check fails.
 */
function appendOne(start: string): string {
  return `
with tx as materialized (select pg_current_xact_id() as id),
${start},
input as (
  select version, seed, recorded_at, $3::uuid as event_id, $4::text as type, $5::integer as schema_version,
         $6::text::jsonb as data, $7::text::jsonb as metadata, coalesce($8::timestamptz, recorded_at) as occurred_at
  from start
)
insert into crm_events (position, tx_id, event_id, stream_id, stream_version, type, schema_version, data, metadata, occurred_at, recorded_at, hash)
select ${nextPosition}, tx.id, event_id, $1, version, type, schema_version, data, metadata, occurred_at, recorded_at, sha256(seed || ${canonical})
from input cross join tx
returning position, stream_version, recorded_at, encode(hash, 'hex') as hash`;
}

/** Reads the stream's head; $2 is the expected version (null for any, -1 for no stream). */
export const appendOneStatement = appendOne(`head as (
  select stream_version, hash from crm_events where stream_id = $1 order by stream_version desc limit 1
),
start as (
  select coalesce((select stream_version from head), -1) + 1 as version,
         coalesce((select hash from head), '\\x'::bytea) as seed,
         date_trunc('milliseconds', now()) as recorded_at
  where $2::integer is null or coalesce((select stream_version from head), -1) = $2::integer
)`);

/**
 * For a writer that knows the predecessor ($2 the version to write, $9 the
 * previous hash in hex; 0 and '' for a new stream): no read of the head. The
 * (stream_id, stream_version) key still refuses it if another event took
 * version $2, so a stale predecessor can only cause a conflict.
 */
export const appendOneSeededStatement = appendOne(
  `start as (select $2::integer as version, decode($9::text, 'hex') as seed, date_trunc('milliseconds', now()) as recorded_at)`,
);

/** The parameters of `appendOneStatement`; `expected` null for any, -1 for no stream. */
export function appendOneParameters(
  streamId: string,
  expected: number | null,
  event: Pick<PreparedEvent, 'eventId' | 'type' | 'schemaVersion' | 'dataJson' | 'metadataJson' | 'occurredAt'>,
): unknown[] {
  return [streamId, expected, event.eventId, event.type, event.schemaVersion, event.dataJson, event.metadataJson, event.occurredAt];
}

/**
 * Several events to one stream: $3 is a JSON array of {id, type, v, data, meta,
 * at}; one call chains them all, seeded with the head's hash. It answers one
 * row, not one per event (parsing a row per event cost a tenth of the append):
 * the positions in version order, the first version, the recording time and
 * the last hash; null positions when the version check failed.
 */
export const appendManyStatement = `
with tx as materialized (select pg_current_xact_id() as id),
head as (
  select stream_version, hash from crm_events where stream_id = $1 order by stream_version desc limit 1
),
start as (
  select coalesce((select stream_version from head), -1) as version,
         coalesce((select hash from head), '\\x'::bytea) as hash,
         date_trunc('milliseconds', now()) as recorded_at
  where $2::integer is null or coalesce((select stream_version from head), -1) = $2::integer
),
input as (
  select t.ord::integer as ord, s.version + t.ord::integer as version, s.hash as seed, s.recorded_at,
         (t.e->>'id')::uuid as event_id, t.e->>'type' as type, (t.e->>'v')::integer as schema_version,
         t.e->'data' as data, t.e->'meta' as metadata, coalesce((t.e->>'at')::timestamptz, s.recorded_at) as occurred_at
  from start s cross join jsonb_array_elements($3::text::jsonb) with ordinality as t(e, ord)
),
links as (select crm_chain_links((select hash from start), array_agg(${canonical} order by version)) as hashes from input),
written as (
  insert into crm_events (position, tx_id, event_id, stream_id, stream_version, type, schema_version, data, metadata, occurred_at, recorded_at, hash)
  select ${nextPosition}, tx.id, event_id, $1, version, type, schema_version, data, metadata, occurred_at, recorded_at, links.hashes[ord]
  from input cross join tx cross join links order by version
  returning position, stream_version, recorded_at, hash
)
select array_to_string(array_agg(position order by stream_version), ',') as positions, min(stream_version) as first_version,
       min(recorded_at) as recorded_at, encode((array_agg(hash order by stream_version desc))[1], 'hex') as hash
from written`;

/**
 * Appends to several streams in one statement and one transaction: each
 * stream's expected version is checked on its own, and only the streams whose
 * check passes are written (the caller reports the others as conflicts).
 * $1 is a JSON array of {stream, expected (null: any, -1: no stream), events}.
 * Positions follow the caller's order (a volatile select list is computed
 * after its ORDER BY); rows are inserted, and so their (stream_id,
 * stream_version) keys locked, in stream order: two batches over the same
 * streams that locked them in the orders they came in would deadlock.
 */
export const appendToStreamsStatement = `
with tx as materialized (select pg_current_xact_id() as id),
request as (
  select r.ord::integer as request, r.e->>'stream' as stream_id, (r.e->>'expected')::integer as expected, r.e->'events' as events
  from jsonb_array_elements($1::text::jsonb) with ordinality as r(e, ord)
),
start as (
  select q.request, q.stream_id, coalesce(h.stream_version, -1) as version, coalesce(h.hash, '\\x'::bytea) as hash,
         date_trunc('milliseconds', now()) as recorded_at, q.events
  from request q left join lateral (
    select stream_version, hash from crm_events where stream_id = q.stream_id order by stream_version desc limit 1
  ) h on true
  where q.expected is null or coalesce(h.stream_version, -1) = q.expected
),
input as (
  select s.request, s.stream_id, t.ord::integer as ord, s.version + t.ord::integer as version, s.hash as seed, s.recorded_at,
         (t.e->>'id')::uuid as event_id, t.e->>'type' as type, (t.e->>'v')::integer as schema_version,
         t.e->'data' as data, t.e->'meta' as metadata, coalesce((t.e->>'at')::timestamptz, s.recorded_at) as occurred_at
  from start s cross join jsonb_array_elements(s.events) with ordinality as t(e, ord)
),
links as (
  select request, crm_chain_links(seed, array_agg(crm_event_canonical(stream_id, version, event_id, type, schema_version,
         data, metadata, occurred_at, recorded_at) order by version)) as hashes
  from input group by request, seed
),
positioned as (
  select ${nextPosition} as position, tx.id as tx_id, i.* from input i cross join tx order by i.request, i.version
)
insert into crm_events (position, tx_id, event_id, stream_id, stream_version, type, schema_version, data, metadata, occurred_at, recorded_at, hash)
select p.position, p.tx_id, p.event_id, p.stream_id, p.version, p.type, p.schema_version, p.data, p.metadata, p.occurred_at, p.recorded_at,
       l.hashes[p.ord]
from positioned p join links l using (request)
order by p.stream_id, p.version
returning position, stream_id, stream_version, recorded_at, encode(hash, 'hex') as hash`;

/** The parameters of `appendToStreamsStatement`; `expected` null for any, -1 for no stream. */
export function appendToStreamsParameters(
  appends: readonly { streamId: string; expected: number | null; events: readonly Pick<PreparedEvent, 'json'>[] }[],
): unknown[] {
  const requests = appends.map((a) => `{"stream":${JSON.stringify(a.streamId)},"expected":${a.expected},"events":[${a.events.map((e) => e.json).join(',')}]}`);
  return [`[${requests.join(',')}]`];
}

export const streamVersionStatement = `
select coalesce(max(stream_version), -1)::integer as version from crm_events where stream_id = $1`;

export const headPositionStatement = `select coalesce(max(position), 0)::bigint as position from crm_events`;

/** The link of each row `e` and of the event before it in its stream (hex; '' for a first event). */
const chainColumns = `encode(e.hash, 'hex') as hash,
  encode(coalesce((select p.hash from crm_events p where p.stream_id = e.stream_id and p.stream_version = e.stream_version - 1), '\\x'::bytea), 'hex') as previous_hash`;

/** A page of one stream: $2 from version, $3 to version, $4 asOf, $5 knownAt, $6 page size. */
export const readStreamStatement = readStream(eventColumns);

/** `readStreamStatement` with each event's chain link. */
export const readStreamChainedStatement = readStream(`${eventColumns}, ${chainColumns}`);

function readStream(columns: string): string {
  return `
select ${columns} from crm_events e
where stream_id = $1 and stream_version >= $2 and ($3::integer is null or stream_version <= $3::integer)
  and ($4::timestamptz is null or occurred_at <= $4::timestamptz)
  and ($5::timestamptz is null or recorded_at <= $5::timestamptz)
order by stream_version limit $6`;
}

export const eventsByIdStatement = `
select ${eventColumns} from crm_events where event_id = any($1::uuid[]) order by position`;

export const eventsAtPositionsStatement = `
select ${eventColumns} from crm_events where position = any($1::bigint[]) order by position`;

/**
 * A page of $all after position $1 up to $2, with the snapshot its rows were
 * read in (same statement, so the same MVCC snapshot). Every position comes
 * back so that holes can be seen; the payload only for rows that match the
 * filter ($4 types, $5 stream). Always one row at least, for the snapshot.
 */
export const readAllPageStatement = readAllPage('');

/** `readAllPageStatement` with each matching event's chain link. */
export const readAllChainedPageStatement = readAllPage(`, ${chainColumns}`);

function readAllPage(extraColumns: string): string {
  return `
with snap as materialized (select pg_current_snapshot()::text as snapshot)
select snap.snapshot, page.* from snap left join lateral (
  select position,
         (($4::text[] is null or type = any($4::text[])) and ($5::text is null or stream_id = $5::text)) as matches,
         event_id::text as event_id, stream_id, stream_version, type, schema_version,
         case when ($4::text[] is null or type = any($4::text[])) and ($5::text is null or stream_id = $5::text)
              then data end as data,
         metadata, occurred_at, recorded_at${extraColumns}
  from crm_events e where position > $1 and position <= $2 order by position limit $3
) page on true`;
}

/**
 * Events of the types $1 (and of stream $2, when given) after position $3 up to $4, a settled
 * position, by the (type, position) index: nothing in that range can still appear.
 */
export const readTypesPageStatement = readTypesPage('');

/** `readTypesPageStatement` with each event's chain link. */
export const readTypesChainedPageStatement = readTypesPage(`, ${chainColumns}`);

function readTypesPage(extraColumns: string): string {
  return `
select position, event_id::text as event_id, stream_id, stream_version, type, schema_version,
       data, metadata, occurred_at, recorded_at${extraColumns}
from crm_events e
where type = any($1::text[]) and ($2::text is null or stream_id = $2::text) and position > $3 and position <= $4
order by position limit $5`;
}

/** The last position drawn from the sequence (0 before the first): none beyond it exists yet. */
export const positionsDrawnStatement = `select (case when is_called then last_value else 0 end)::text as drawn from crm_events_position_seq`;

/** The statement's snapshot and an xid assigned after it was taken. */
export const snapshotAndXidStatement = `select pg_current_snapshot()::text as snapshot, pg_current_xact_id()::text as xid`;

/** Assigns this (autocommit) statement an xid: one taken after any snapshot read before it. */
export const currentXidStatement = `select pg_current_xact_id()::text as xid`;

/**
 * Recomputes every link (of stream $1, or of the streams from $2 to $3, or of
 * all) from the stored previous hash; returns the count and the broken links.
 */
export const verifyStatement = `
with links as (
  select stream_id, stream_version, hash,
         sha256(coalesce(lag(hash) over w, '\\x'::bytea) || crm_event_canonical(stream_id, stream_version,
                event_id, type, schema_version, data, metadata, occurred_at, recorded_at)) as expected
  from crm_events
  where ($1::text is null or stream_id = $1::text) and ($2::text is null or stream_id between $2::text and $3::text)
  window w as (partition by stream_id order by stream_version)
)
select (select count(*) from links)::bigint as checked, l.stream_id, l.stream_version,
       encode(l.expected, 'hex') as expected, encode(l.hash, 'hex') as found
from (select 1) one left join links l on l.expected <> l.hash
order by l.stream_id, l.stream_version`;
