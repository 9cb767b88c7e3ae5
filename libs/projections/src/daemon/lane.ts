import type { EventStore, PagedAllReads, RecordedEvent, SqlClient } from '@crm/event-store';
import { advanceCheckpoints } from '../catalog/advance-checkpoint';
import type { Generation } from '../catalog/generation';
import { handlesType, tableNamer, type Projection } from '../projection';

/** The event store as a lane reads it: `$all` in the pages it was read in. */
export type ProjectedStore = EventStore & PagedAllReads;

/** A projection's generation as a lane applies it: its checkpoint moves as batches commit. */
export interface Track {
  readonly projection: Projection;
  readonly generation: Generation;
}

export interface LaneSettings {
  holder: string;
  leaseMs: number;
  batchSize: number;
  idlePollMs: number;
}

/** Why a track left its lane: its lease went to another process, or its apply threw. */
export type TrackExit = { track: Track; reason: 'lease-lost' } | { track: Track; reason: 'failed'; error: unknown };

class CheckpointMoved extends Error {}

interface Outcome {
  moved: Track[];
  exits: TrackExit[];
}

/**
 * Read models are derived: a batch lost in a crash goes with its checkpoint and is applied
 * again, so its commit need not wait for the disk (atomic and in order, only not yet durable).
 */
const asyncCommit = 'set local synchronous_commit = off';

/**
 * One reader of `$all` for several generations: from the lowest checkpoint, each batch is
 * applied to every generation past whose checkpoint it reaches, each in its own transaction
 * with its checkpoint. A generation whose apply throws is rolled back and leaves the lane; so
 * does one whose lease is lost (its checkpoint moves only while its lease holds).
 */
export class Lane {
  private readonly tracks: Track[];
  /** The generations that defer work and may have some waiting: a batch without more goes to them even without their events. */
  private readonly deferring: Set<Track>;

  constructor(
    private readonly store: ProjectedStore,
    private readonly db: SqlClient,
    tracks: readonly Track[],
    private readonly settings: LaneSettings,
    private readonly onExit: (exit: TrackExit) => Promise<void>,
  ) {
    this.tracks = [...tracks];
    // What a lane before this one left deferred is not known: each such generation is given the first batch without more.
    this.deferring = new Set(tracks.filter((t) => t.projection.defers === true));
  }

  /** Applies batches until the signal aborts, every track has left, or `done` says the lane has done its work. */
  async run(signal: AbortSignal, done: (lane: Lane) => Promise<boolean> = async () => false): Promise<void> {
    if (await done(this)) return;
    const from = Math.min(...this.tracks.map((t) => t.generation.position)) + 1;
    // A page is a batch: what was ready, up to the batch size; a catch-up moves in full ones, a live event goes alone.
    const pages = this.store.subscribePages({ from, signal, idlePollMs: this.settings.idlePollMs, pageSize: this.settings.batchSize });
    for await (const batch of pages) {
      if (signal.aborted) return;
      // A full page that ends before the head says more is ready.
      const more = batch.length === this.settings.batchSize && batch[batch.length - 1].position < (await this.store.headPosition());
      await this.commit(batch, more);
      if (this.tracks.length === 0 || (!more && (await done(this)))) return;
    }
  }

  trackList(): readonly Track[] {
    return this.tracks;
  }

  /**
   * Each generation with events in the batch commits them and its checkpoint in a transaction
   * of its own, side by side with the others (on PostgreSQL, on connections of their own); the
   * generations with nothing to apply move their checkpoints together in one more (a generation
   * that may have deferred work is given a batch without more all the same).
   */
  private async commit(batch: readonly RecordedEvent[], more: boolean): Promise<void> {
    const last = batch[batch.length - 1];
    const behind = this.tracks.filter((t) => last.position > t.generation.position);
    const work = behind.map((track) => ({ track, events: batch.filter((e) => e.position > track.generation.position && handlesType(track.projection, e.type)) }));
    const applies = (w: (typeof work)[number]) => w.events.length > 0 || (!more && this.deferring.has(w.track));
    const idle = work.filter((w) => !applies(w)).map((w) => w.track);
    const outcomes = await Promise.all([
      ...work.filter(applies).map((w) => this.applyTrack(w.track, w.events, last, more)),
      ...(idle.length > 0 ? [this.moveIdle(idle, last)] : []),
    ]);
    for (const { moved, exits } of outcomes) {
      for (const track of moved) {
        if (more && track.projection.defers === true) this.deferring.add(track);
        else this.deferring.delete(track);
        track.generation.position = last.position;
        track.generation.appliedRecordedAt = Date.parse(last.recordedAt);
      }
      for (const exit of exits) {
        this.tracks.splice(this.tracks.indexOf(exit.track), 1);
        await this.onExit(exit);
      }
    }
  }

  private async applyTrack(track: Track, events: readonly RecordedEvent[], last: RecordedEvent, more: boolean): Promise<Outcome> {
    const { projection, generation } = track;
    try {
      await this.db.transaction(async (tx) => {
        await tx.query(asyncCommit);
        // The checkpoint first: a generation another lane or process moved meanwhile (a lane started
        // from a checkpoint read before the last batch of the one it replaced) is not applied twice.
        const [moved] = await advanceCheckpoints(tx, [generation], last.position, last.recordedAt, this.settings.holder);
        if (!moved) throw new CheckpointMoved();
        await projection.apply({ tx, events, table: tableNamer(generation.generation), more });
      });
      return { moved: [track], exits: [] };
    } catch (error) {
      return { moved: [], exits: [error instanceof CheckpointMoved ? { track, reason: 'lease-lost' } : { track, reason: 'failed', error }] };
    }
  }

  private async moveIdle(tracks: readonly Track[], last: RecordedEvent): Promise<Outcome> {
    const moved = await this.db.transaction(async (tx) => {
      await tx.query(asyncCommit);
      return advanceCheckpoints(tx, tracks.map((t) => t.generation), last.position, last.recordedAt, this.settings.holder);
    });
    return {
      moved: tracks.filter((_, i) => moved[i]),
      exits: tracks.filter((_, i) => !moved[i]).map((track) => ({ track, reason: 'lease-lost' as const })),
    };
  }

}
