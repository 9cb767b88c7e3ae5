import type { EventStore, RecordedEvent, SqlClient } from '@crm/event-store';
import { advanceCheckpoint } from '../catalog/advance-checkpoint';
import type { Generation } from '../catalog/generation';
import { renewLeases } from '../catalog/leases';
import { handlesType, tableNamer, type Projection } from '../projection';
import { microBatches } from './micro-batches';

/** A projection's generation as a lane applies it: its checkpoint moves as batches commit. */
export interface Track {
  readonly projection: Projection;
  readonly generation: Generation;
}

export interface LaneSettings {
  holder: string;
  leaseMs: number;
  batchSize: number;
  lingerMs: number;
  idlePollMs: number;
}

/** Why a track left its lane: its lease went to another process, or its apply threw. */
export type TrackExit = { track: Track; reason: 'lease-lost' } | { track: Track; reason: 'failed'; error: unknown };

class CheckpointMoved extends Error {}

/**
 * One reader of `$all` for several generations: from the lowest checkpoint, each batch is
 * applied to every generation past whose checkpoint it reaches, and all their checkpoints
 * move, in one transaction. A generation whose apply throws is rolled back alone (savepoint)
 * and leaves the lane; so does one whose lease is lost.
 */
export class Lane {
  private readonly tracks: Track[];

  constructor(
    private readonly store: EventStore,
    private readonly db: SqlClient,
    tracks: readonly Track[],
    private readonly settings: LaneSettings,
    private readonly onExit: (exit: TrackExit) => Promise<void>,
  ) {
    this.tracks = [...tracks];
  }

  /** Applies batches until the signal aborts, every track has left, or `done` says the lane has done its work. */
  async run(signal: AbortSignal, done: (lane: Lane) => Promise<boolean> = async () => false): Promise<void> {
    if (await done(this)) return;
    const from = Math.min(...this.tracks.map((t) => t.generation.position)) + 1;
    const events = this.store.subscribe({ from, signal, idlePollMs: this.settings.idlePollMs });
    for await (const batch of microBatches(events, this.settings.batchSize, this.settings.lingerMs)) {
      if (signal.aborted) return;
      await this.commit(batch);
      if (this.tracks.length === 0 || (await done(this))) return;
    }
  }

  trackList(): readonly Track[] {
    return this.tracks;
  }

  private async commit(batch: readonly RecordedEvent[]): Promise<void> {
    const last = batch[batch.length - 1];
    const exits: TrackExit[] = [];
    const moved: Track[] = [];
    await this.db.transaction(async (tx) => {
      const held = await renewLeases(tx, [...new Set(this.tracks.map((t) => t.projection.name))], this.settings.holder, this.settings.leaseMs);
      for (const track of this.tracks) {
        const { projection, generation } = track;
        if (!held.has(projection.name)) {
          exits.push({ track, reason: 'lease-lost' });
          continue;
        }
        if (last.position <= generation.position) continue;
        const events = batch.filter((e) => e.position > generation.position && handlesType(projection, e.type));
        try {
          await tx.savepoint(async (sp) => {
            if (events.length > 0) await projection.apply({ tx: sp, events, table: tableNamer(generation.generation) });
            if (!(await advanceCheckpoint(sp, generation, generation.position, last.position, last.recordedAt))) throw new CheckpointMoved();
          });
          moved.push(track);
        } catch (error) {
          exits.push(error instanceof CheckpointMoved ? { track, reason: 'lease-lost' } : { track, reason: 'failed', error });
        }
      }
    });
    for (const track of moved) {
      track.generation.position = last.position;
      track.generation.appliedRecordedAt = Date.parse(last.recordedAt);
    }
    for (const exit of exits) {
      this.tracks.splice(this.tracks.indexOf(exit.track), 1);
      await this.onExit(exit);
    }
  }
}
