/** The SQL of signed checkpoints and of the audit against them. */

const checkpointColumns = `sequence, position::bigint as position, streams, root, previous, created_at, key_id, signature, digest`;

export const latestCheckpointStatement = `select ${checkpointColumns} from crm_checkpoints order by sequence desc limit 1`;

/** $1 after this sequence, $2 at most this many. */
export const checkpointsPageStatement = `select ${checkpointColumns} from crm_checkpoints where sequence > $1 order by sequence limit $2`;

export const checkpointBySequenceStatement = `select ${checkpointColumns} from crm_checkpoints where sequence = $1`;

/** Heads that moved in ($2, $3], recorded as checkpoint $1's. */
export const recordChangedHeadsStatement = `
insert into crm_checkpoint_heads (stream_id, sequence, version, hash)
select distinct on (stream_id) stream_id, $1::integer, stream_version, encode(hash, 'hex')
from crm_events where position > $2::bigint and position <= $3::bigint
order by stream_id, stream_version desc`;

/** Every stream's head as of checkpoint $1, in the tree's order. */
export const headsAtCheckpointStatement = `
select distinct on (stream_id) stream_id as "streamId", version, hash from crm_checkpoint_heads
where sequence <= $1 order by stream_id, sequence desc`;

export const insertCheckpointStatement = `
insert into crm_checkpoints (sequence, position, streams, root, previous, created_at, key_id, signature, digest)
values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`;

/** Recorded heads in (sequence, stream) order from after ($1, $2), a page of $3: the audit folds them. */
export const recordedHeadsPageStatement = `
select sequence, stream_id, version, hash from crm_checkpoint_heads
where (sequence, stream_id) > ($1::integer, $2::text collate "C") order by sequence, stream_id limit $3`;

/**
 * Committed heads (of stream $1, or all) whose event is gone, has another
 * link, or lies beyond its checkpoint's position now.
 */
export const brokenCommitmentsStatement = `
select h.sequence, h.stream_id, h.version, h.hash as expected, encode(e.hash, 'hex') as found
from crm_checkpoint_heads h
join crm_checkpoints c on c.sequence = h.sequence
-- In the events' own collation, so that their (stream_id, stream_version) key serves the join.
left join crm_events e on e.stream_id = (h.stream_id collate "default") and e.stream_version = h.version
where ($1::text is null or h.stream_id = $1::text)
  and (e.hash is null or encode(e.hash, 'hex') <> h.hash or e.position > c.position)
order by h.stream_id, h.sequence`;

/**
 * Events at or below checkpoint $2's position (of stream $1, or all) that it
 * did not commit to: written into the covered past, or in a stream it never saw.
 */
export const uncommittedEventsStatement = `
with committed as (
  select distinct on (stream_id) stream_id, version from crm_checkpoint_heads
  where sequence <= $2::integer and ($1::text is null or stream_id = $1::text) order by stream_id, sequence desc
)
select e.stream_id, e.stream_version as version, encode(e.hash, 'hex') as found, c.version as committed
from crm_events e
join crm_checkpoints k on k.sequence = $2::integer
left join committed c on c.stream_id = e.stream_id collate "C"
where e.position <= k.position and ($1::text is null or e.stream_id = $1::text) and (c.version is null or e.stream_version > c.version)
order by e.stream_id, e.stream_version`;

export const eventsAfterStatement = `
select count(*)::bigint as count from crm_events where position > $2::bigint and ($1::text is null or stream_id = $1::text)`;
