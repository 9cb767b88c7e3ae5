import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { migrate, type EventStore, type SqlClient } from '@crm/event-store';
import { activateGeneration } from '../catalog/activate-generation';
import type { Generation } from '../catalog/generation';
import { projectionLeases } from '../catalog/leases';
import { listGenerations } from '../catalog/list-generations';
import { projectionMigrations } from '../catalog/migrations';
import { prepareGenerations } from '../catalog/prepare-generations';
import { clearFailure, recordFailure } from '../catalog/record-failure';
import { requestRebuild } from '../catalog/request-rebuild';
import type { Projection } from '../projection';
import { Lane, type LaneSettings, type ProjectedStore, type Track, type TrackExit } from './lane';

export interface ProjectionDaemonOptions {
  /** Names this process in the leases; default host, pid and a random part. */
  holder?: string;
  /** Events per transaction at most; default 2000 (a catch-up moves in large transactions, a live event alone). */
  batchSize?: number;
  /**
   * Events per transaction at most while a rebuild catches up; default 5,000. The lifecycle waits
   * with its evaluation for the batch that catches up, so larger ones gain little; memory holds
   * about three of them (the one applied, the next read and opened, the one after read).
   */
  rebuildBatchSize?: number;
  /** How long a lease lasts unless renewed; default 15 s. Another process takes over a projection this long after its holder died. */
  leaseMs?: number;
  /** How often leases are renewed and new work (a rebuild, a free lease) is looked for; default a third of the lease. */
  tickMs?: number;
  /** Poll interval of the live subscription once caught up; default 20 ms. */
  idlePollMs?: number;
  onError?: (message: string, error: unknown) => void;
}

interface RunningLane {
  lane: Lane;
  kind: 'live' | 'build';
  abort: AbortController;
  finished: Promise<void>;
}

/**
 * Keeps the projections up to date from `$all`: the active generations in one live lane, each
 * rebuild in a lane of its own that switches the views over once it has caught up. Applies
 * only the projections whose lease it holds, so several processes on one database share the
 * work without applying anything twice.
 */
export class ProjectionDaemon {
  /** This process's name in the leases. */
  readonly holder: string;
  private readonly settings: LaneSettings;
  private readonly tickMs: number;
  private readonly rebuildBatchSize: number;
  private readonly lanes = new Set<RunningLane>();
  private timer?: NodeJS.Timeout;
  private ticking: Promise<void> = Promise.resolve();
  /** Until `start()`, a tick does nothing: opening a daemon does not make the process apply projections. */
  private stopped = true;

  constructor(
    private readonly store: ProjectedStore,
    private readonly db: SqlClient,
    readonly projections: readonly Projection[],
    private readonly options: ProjectionDaemonOptions = {},
  ) {
    this.holder = options.holder ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    const leaseMs = options.leaseMs ?? 15_000;
    this.settings = {
      holder: this.holder,
      leaseMs,
      batchSize: options.batchSize ?? 2000,
      idlePollMs: options.idlePollMs ?? 20,
    };
    this.rebuildBatchSize = options.rebuildBatchSize ?? 5000;
    this.tickMs = options.tickMs ?? Math.max(50, Math.floor(leaseMs / 3));
    const names = new Set<string>();
    for (const p of projections) {
      if (names.has(p.name)) throw new Error(`Two projections are named ${p.name}`);
      names.add(p.name);
    }
  }

  /** Prepares every projection's tables (a first build, or a rebuild for a new version) and starts applying. */
  async start(): Promise<void> {
    await prepareProjections(this.store, this.db, this.projections);
    this.stopped = false;
    for (const projection of this.projections) await clearFailure(this.db, projection.name);
    await this.tick();
    this.timer = setInterval(() => void this.tick(), this.tickMs);
  }

  /** Stops the lanes (a batch under way commits or rolls back whole) and hands the leases back. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.ticking;
    await Promise.all([...this.lanes].map((running) => this.stopLane(running)));
    await projectionLeases.release(this.db, this.holder).catch(() => undefined);
  }

  /** Builds the projection (or every one) again from the first event into fresh tables; the current ones answer until then. */
  async rebuild(name: string | 'all'): Promise<Generation[]> {
    const chosen = name === 'all' ? this.projections : this.projections.filter((p) => p.name === name);
    if (chosen.length === 0) throw new Error(`No projection is named ${name}`);
    const head = await this.store.headPosition();
    const builds: Generation[] = [];
    for (const projection of chosen) builds.push(await requestRebuild(this.db, projection, head));
    await this.tick();
    return builds;
  }

  /** Looks for work: renews and takes leases, starts the lanes that should run and are not. */
  tick(): Promise<void> {
    this.ticking = this.ticking.then(() => this.look()).catch((error: unknown) => this.options.onError?.('projections: could not look for work', error));
    return this.ticking;
  }

  private async look(): Promise<void> {
    if (this.stopped) return;
    const byName = new Map(this.projections.map((p) => [p.name, p]));
    const held = new Set(await projectionLeases.take(this.db, [...byName.keys()], this.holder, this.settings.leaseMs));
    const generations = (await listGenerations(this.db)).filter((g) => held.has(g.name));
    const running = new Set([...this.lanes].flatMap((r) => r.lane.trackList().map((t) => key(t.generation))));

    const live = generations.filter((g) => g.status === 'active' && g.error === null && g.version === byName.get(g.name)?.version);
    const liveLane = [...this.lanes].find((r) => r.kind === 'live');
    const wanted = live.map(key).sort().join(' ');
    const current = liveLane ? liveLane.lane.trackList().map((t) => key(t.generation)).sort().join(' ') : '';
    if (wanted !== current) {
      if (liveLane) await this.stopLane(liveLane);
      if (live.length > 0) this.startLane('live', live.map((g) => ({ projection: byName.get(g.name)!, generation: g })));
    }

    const builds = generations.filter((g) => g.status === 'building' && !running.has(key(g)));
    if (builds.length > 0) this.startLane('build', builds.map((g) => ({ projection: byName.get(g.name)!, generation: g })));
  }

  private startLane(kind: 'live' | 'build', tracks: Track[]): void {
    const settings = kind === 'build' ? { ...this.settings, batchSize: this.rebuildBatchSize } : this.settings;
    const lane = new Lane(this.store, this.db, tracks, settings, (exit) => this.onTrackExit(exit));
    const abort = new AbortController();
    const running: RunningLane = { lane, kind, abort, finished: Promise.resolve() };
    const done = kind === 'build' ? (l: Lane) => this.switchCaughtUp(l) : undefined;
    running.finished = lane
      .run(abort.signal, done)
      .catch((error: unknown) => {
        if (!abort.signal.aborted) this.options.onError?.(`projections: the ${kind} lane stopped; it starts again`, error);
      })
      .finally(() => this.lanes.delete(running));
    this.lanes.add(running);
  }

  private async stopLane(running: RunningLane): Promise<void> {
    running.abort.abort();
    await running.finished;
  }

  /** A build that has applied everything up to the head switches the views to its tables. */
  private async switchCaughtUp(lane: Lane): Promise<boolean> {
    const head = await this.store.headPosition();
    for (const track of [...lane.trackList()]) {
      if (track.generation.position < head) continue;
      await activateGeneration(this.db, track.projection, track.generation.generation);
      track.generation.status = 'active';
    }
    const switched = lane.trackList().every((t) => t.generation.status === 'active');
    if (switched) setImmediate(() => void this.tick());
    return switched;
  }

  private async onTrackExit(exit: TrackExit): Promise<void> {
    if (exit.reason === 'failed') {
      const message = exit.error instanceof Error ? exit.error.message : String(exit.error);
      this.options.onError?.(`projections: ${exit.track.projection.name} (generation ${exit.track.generation.generation}) failed and stopped`, exit.error);
      await recordFailure(this.db, exit.track.generation, message);
    }
  }
}

const key = (g: Generation) => `${g.name}:${g.generation}`;

/** Migrates the bookkeeping and gives each projection the generation its code's version needs. */
export async function prepareProjections(store: EventStore, db: SqlClient, projections: readonly Projection[]): Promise<void> {
  await migrate(db, projectionMigrations);
  const head = await store.headPosition();
  for (const projection of projections) await prepareGenerations(db, projection, head);
}
