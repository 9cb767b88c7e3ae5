import type { ChainedEvent } from '../event-store';
import { recordChangedHeadsStatement, checkpointBySequenceStatement, insertCheckpointStatement } from '../checkpoints/statements';
import { toCheckpoint, type CheckpointRow } from '../checkpoints/sql-checkpoints';
import type { SignedCheckpoint } from '../checkpoints/signed-checkpoint';
import type { StoredTexts } from '../chain/chain-link';
import { copyText, type SqlClient } from '../sql/sql-client';

const eventColumns = ['position', 'event_id', 'stream_id', 'stream_version', 'type', 'schema_version', 'data', 'metadata', 'occurred_at', 'recorded_at', 'hash'];

/**
 * Writes an export's events and checkpoints into a database as they were:
 * same positions, ids, versions and links (so that the chain and the
 * checkpoints verify there too), events by COPY a batch to a transaction.
 */
export class SqlImport {
  constructor(private readonly client: SqlClient) {}

  /** The highest position stored, and how many events are. */
  async stored(): Promise<{ lastPosition: number; events: number }> {
    const [row] = await this.client.query<{ last: number; events: number }>(`select coalesce(max(position), 0)::bigint as last, count(*)::bigint as events from crm_events`);
    return { lastPosition: Number(row.last), events: Number(row.events) };
  }

  /** The links stored at these positions (hex), for a resumed import to compare with its file. */
  async linksAt(positions: readonly number[]): Promise<Map<number, string>> {
    const rows = await this.client.query<{ position: number; hash: string }>(`select position, encode(hash, 'hex') as hash from crm_events where position = any($1::bigint[])`, [positions]);
    return new Map(rows.map((row) => [Number(row.position), row.hash]));
  }

  /**
   * Events in position order, their stored data and metadata as jsonb prints
   * them (what their links cover), in one transaction: COPY, then the position
   * sequence moved past them (appends made later draw above), so that an
   * interrupted import leaves whole batches.
   */
  async writeEvents(events: readonly { event: ChainedEvent; stored: StoredTexts }[]): Promise<void> {
    if (events.length === 0) return;
    const rows: string[] = [];
    for (const { event: e, stored } of events) {
      rows.push(
        [
          String(e.position),
          e.eventId,
          copyText(e.streamId),
          String(e.streamVersion),
          copyText(e.type),
          String(e.schemaVersion),
          copyText(stored.data),
          copyText(stored.metadata),
          e.metadata.occurredAt,
          e.recordedAt,
          `\\\\x${e.hash}`,
        ].join('\t'),
      );
    }
    await this.client.transaction(async (tx) => {
      await tx.copyFrom('crm_events', eventColumns, `${rows.join('\n')}\n`);
      await tx.query(`select setval('crm_events_position_seq', greatest($1::bigint, (select last_value from crm_events_position_seq)))`, [events[events.length - 1].event.position]);
    });
  }

  /**
   * The checkpoints, with the heads each recorded (derived again from the
   * events, as the checkpoint that made them did); one already stored must be
   * the same. Answers how many were written.
   */
  async writeCheckpoints(checkpoints: readonly SignedCheckpoint[]): Promise<number> {
    return this.client.transaction(async (tx) => {
      let written = 0;
      let previousPosition = 0;
      for (const c of checkpoints) {
        const [row] = await tx.query<CheckpointRow>(checkpointBySequenceStatement, [c.sequence]);
        if (row) {
          if (toCheckpoint(row).digest !== c.digest) throw new Error(`checkpoint ${c.sequence} is stored already, and is another than the file's`);
        } else {
          await tx.query(recordChangedHeadsStatement, [c.sequence, previousPosition, c.position]);
          await tx.query(insertCheckpointStatement, [c.sequence, c.position, c.streams, c.root, c.previous, c.createdAt, c.keyId, c.signature, c.digest]);
          written++;
        }
        previousPosition = c.position;
      }
      return written;
    });
  }
}
