import type { Migrations } from '../sql/migrations';

/** Signed checkpoints (checkpoints/README in sql-checkpoints.ts): tables of their own beside the events. */
export const checkpointMigrations: Migrations = {
  table: 'crm_checkpoint_migrations',
  lock: 7262003,
  steps: [
    `
  -- One row a checkpoint: its signed fields as signed-checkpoint.ts defines them.
  create table crm_checkpoints (
    sequence integer primary key check (sequence > 0),
    position bigint not null,
    streams integer not null,
    root text not null,
    previous text not null,
    created_at text not null,
    key_id text not null,
    signature text not null,
    digest text not null
  );
  -- The heads a checkpoint committed to that changed since the one before it
  -- (every stream's head at checkpoint k is its row of the highest sequence <= k).
  -- collate "C": the Merkle tree orders stream ids by their bytes.
  create table crm_checkpoint_heads (
    stream_id text collate "C" not null,
    sequence integer not null references crm_checkpoints (sequence) deferrable initially deferred,
    version integer not null,
    hash text not null,
    primary key (stream_id, sequence)
  );
  create index crm_checkpoint_heads_sequence on crm_checkpoint_heads (sequence);
    `,
  ],
};
