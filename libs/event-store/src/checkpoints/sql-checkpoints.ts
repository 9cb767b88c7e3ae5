import type { KeyObject } from 'node:crypto';
import { settledPosition } from '../sql/all-stream-reader';
import type { SqlClient, SqlQueryable } from '../sql/sql-client';
import { migrate } from '../sql/migrations';
import { merkleRoot, type StreamHead } from './merkle';
import { checkpointMigrations } from './schema';
import { signCheckpoint, type SignedCheckpoint } from './signed-checkpoint';
import {
  checkpointsPageStatement,
  headsAtCheckpointStatement,
  insertCheckpointStatement,
  latestCheckpointStatement,
  recordChangedHeadsStatement,
} from './statements';

export interface CheckpointRow {
  sequence: number;
  position: number | string;
  streams: number;
  root: string;
  previous: string;
  created_at: string;
  key_id: string;
  signature: string;
  digest: string;
}

/** Serialises checkpoint makers across processes. */
const makerLock = 7262004;

/**
 * Signed checkpoints in SQL. A checkpoint commits, at a position of `$all` below
 * which nothing is in flight any more, to every stream's head (version and link)
 * as one Merkle root, signed with Ed25519 and chained to the checkpoint before it.
 * Removing a stream's newest events, a whole stream, or re-chaining a stream with
 * recomputed links then contradicts a signature that nobody without the private
 * key can make again.
 */
export class SqlCheckpoints {
  private constructor(
    private readonly client: SqlClient,
    private readonly signingKey: KeyObject,
  ) {}

  static async open(client: SqlClient, signingKey: KeyObject): Promise<SqlCheckpoints> {
    await migrate(client, checkpointMigrations);
    return new SqlCheckpoints(client, signingKey);
  }

  /**
   * Commits to what `$all` holds now, unless nothing was written since the
   * latest checkpoint; answers the checkpoint that covers it, and whether it is new.
   */
  async make(now: Date = new Date()): Promise<{ checkpoint: SignedCheckpoint | null; created: boolean }> {
    const before = await this.latest();
    const position = await settledPosition(this.client, before?.position ?? 0);
    if (position <= (before?.position ?? 0)) return { checkpoint: before, created: false };
    return this.client.transaction(async (tx) => {
      await tx.query(`select pg_advisory_xact_lock(${makerLock})`);
      const latest = await latestCheckpoint(tx);
      // Another process made one meanwhile: it covers at least as far, or this one follows it.
      if (latest && latest.position >= position) return { checkpoint: latest, created: false };
      const sequence = (latest?.sequence ?? 0) + 1;
      await tx.query(recordChangedHeadsStatement, [sequence, latest?.position ?? 0, position]);
      const heads = await tx.query<StreamHead>(headsAtCheckpointStatement, [sequence]);
      const checkpoint = signCheckpoint(
        { sequence, position, streams: heads.length, root: merkleRoot(heads), previous: latest?.digest ?? '', createdAt: now.toISOString() },
        this.signingKey,
      );
      await tx.query(insertCheckpointStatement, [
        checkpoint.sequence,
        checkpoint.position,
        checkpoint.streams,
        checkpoint.root,
        checkpoint.previous,
        checkpoint.createdAt,
        checkpoint.keyId,
        checkpoint.signature,
        checkpoint.digest,
      ]);
      return { checkpoint, created: true };
    });
  }

  latest(): Promise<SignedCheckpoint | null> {
    return latestCheckpoint(this.client);
  }

  /** Checkpoints after `after` (a sequence), oldest first. */
  async page(after: number, limit: number): Promise<SignedCheckpoint[]> {
    return (await this.client.query<CheckpointRow>(checkpointsPageStatement, [after, limit])).map(toCheckpoint);
  }

  /** Every stream's head as checkpoint `sequence` committed to it, in the tree's order. */
  heads(sequence: number): Promise<StreamHead[]> {
    return this.client.query<StreamHead>(headsAtCheckpointStatement, [sequence]);
  }
}

async function latestCheckpoint(db: SqlQueryable): Promise<SignedCheckpoint | null> {
  const [row] = await db.query<CheckpointRow>(latestCheckpointStatement);
  return row ? toCheckpoint(row) : null;
}

export function toCheckpoint(row: CheckpointRow): SignedCheckpoint {
  return {
    sequence: row.sequence,
    position: Number(row.position),
    streams: row.streams,
    root: row.root,
    previous: row.previous,
    createdAt: row.created_at,
    keyId: row.key_id,
    signature: row.signature,
    digest: row.digest,
  };
}
