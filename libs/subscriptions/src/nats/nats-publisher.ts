import { randomUUID } from 'node:crypto';
import { isErasure, type ErasurePolicy, type EventStore, type SqlClient } from '@crm/event-store';
import { connect, type JetStreamClient, type JetStreamManager, type NatsConnection, type PubAck } from 'nats';
import { subscriptionLeases } from '../leases';
import { messageOf, streamSubjects, type EventMessage } from './event-message';
import { openEventStream } from './event-stream';
import { readCheckpoint } from './read-checkpoint';
import { saveCheckpoint } from './save-checkpoint';

export interface NatsPublisherOptions {
  /** `nats://host:port` (several servers: comma-separated). */
  url: string;
  /** Names this process in the lease `nats-publisher`. */
  holder: string;
  /** The JetStream stream (default `CRM_EVENTS`); it is made, capturing `crm.events.>`, when it does not exist. */
  stream?: string;
  /** How long the hold on publishing lasts unless renewed (default 15 s): another process takes over this long after this one died. */
  leaseMs?: number;
  /** Publishes awaiting their ack at most (default 256). */
  maxInFlight?: number;
  /** How long a publish waits for its ack before it is tried again (default 2 s). */
  publishTimeoutMs?: number;
  /** How often the checkpoint is written while events are acked (default 50 ms). */
  checkpointMs?: number;
  /** How long to wait between polls of `$all` once caught up (default the store's). */
  idlePollMs?: number;
  /** Told when publishing fails (NATS away, a publish timed out, the lease lost); it tries again by itself. */
  onError?: (message: string, error: unknown) => void;
  /**
   * Which events erase personal data (the store's policy). Before one is published, its stream's
   * messages are purged and its earlier events published again as they now read, erased. Absent:
   * an erasure does not reach the messages already in the stream.
   */
  erasures?: ErasurePolicy;
}

export interface NatsPublisherStatus {
  /** Whether this process holds the lease and publishes. */
  publishing: boolean;
  /** Every event up to this position is in the stream (as far as this process knows). */
  position: number;
  /** Positions of `$all` not yet published (the store's head minus `position`). */
  lag: number;
}

export const natsPublisherLease = 'nats-publisher';

/**
 * Forwards `$all` to a JetStream stream, one subject per event type and customer, so that
 * consumers on other machines read NATS rather than our database. One process at a time
 * publishes (the lease). Publishes are pipelined, and each expects the stream's last
 * sequence to be its predecessor's: when one is lost in an outage, those after it are
 * refused rather than stored out of order, and publishing starts again after the stream's
 * last message (its position header). The event id is the `Nats-Msg-Id`, so a publish that
 * reaches JetStream twice is stored once. The checkpoint follows the acks, never ahead of one.
 * An erasure replaces its stream's messages with the events as they now read (`erasures`).
 */
export class NatsPublisher {
  private readonly stream: string;
  private readonly leaseMs: number;
  private readonly maxInFlight: number;
  private readonly publishTimeoutMs: number;
  private readonly checkpointMs: number;
  private readonly onError: (message: string, error: unknown) => void;
  private stopping = new AbortController();
  private running: Promise<void> | undefined;
  private connection: NatsConnection | undefined;
  private publishing = false;
  /** Acked up to here; recorded as the checkpoint every `checkpointMs`. */
  private published = 0;
  private saved = 0;

  constructor(
    private readonly db: SqlClient,
    private readonly store: EventStore,
    private readonly options: NatsPublisherOptions,
  ) {
    this.stream = options.stream ?? 'CRM_EVENTS';
    this.leaseMs = options.leaseMs ?? 15_000;
    this.maxInFlight = options.maxInFlight ?? 256;
    this.publishTimeoutMs = options.publishTimeoutMs ?? 2_000;
    this.checkpointMs = options.checkpointMs ?? 50;
    this.onError = options.onError ?? (() => undefined);
  }

  start(): void {
    if (this.running) return;
    this.stopping = new AbortController();
    this.running = this.run();
  }

  /** Ends publishing: the publishes in flight are awaited and the checkpoint written. The lease stays until its holder releases it. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.running;
    this.running = undefined;
    await this.connection?.close();
    this.connection = undefined;
  }

  async status(): Promise<NatsPublisherStatus> {
    const position = this.publishing ? this.published : await readCheckpoint(this.db, this.stream);
    return { publishing: this.publishing, position, lag: Math.max(0, (await this.store.headPosition()) - position) };
  }

  private async run(): Promise<void> {
    const signal = this.stopping.signal;
    let retryMs = 100;
    while (!signal.aborted) {
      const since = Date.now();
      try {
        const held = await subscriptionLeases.take(this.db, [natsPublisherLease], this.options.holder, this.leaseMs);
        if (held.length === 1) await this.publishWhileHeld();
      } catch (error) {
        if (signal.aborted) break;
        // A session that ran a while failed afresh: NATS may be back at once (a restart).
        if (Date.now() - since > 10_000) retryMs = 100;
        this.onError(`Publishing to NATS stream ${this.stream} failed; trying again in ${retryMs} ms`, error);
        await sleep(retryMs, signal);
        retryMs = Math.min(retryMs * 2, 5_000);
        continue;
      }
      await sleep(this.leaseMs / 3, signal);
    }
  }

  /** One session: from where the stream and the checkpoint stand, until stopped, the lease is lost or NATS fails. */
  private async publishWhileHeld(): Promise<void> {
    const session = new AbortController();
    const stop = () => session.abort();
    this.stopping.signal.addEventListener('abort', stop, { once: true });
    if (this.stopping.signal.aborted) stop();
    try {
      const nc = await this.connect();
      const jsm = await nc.jetstreamManager();
      const head = await openEventStream(jsm, this.stream);
      // The stream's last message says what it holds (a checkpoint may lag behind it, or be ahead of a stream that lost
      // its tail); an empty stream (new, purged, aged out) gets what follows the checkpoint.
      this.published = head.position ?? (await readCheckpoint(this.db, this.stream));
      this.saved = -1;
      this.publishing = true;
      const housekeeping = this.keepLeaseAndCheckpoint(session);
      try {
        await this.follow(nc.jetstream(), jsm, head.sequence, session);
      } finally {
        session.abort();
        await housekeeping;
        await this.saveCheckpoint();
      }
    } finally {
      this.publishing = false;
      this.stopping.signal.removeEventListener('abort', stop);
    }
    if (session.signal.reason instanceof Error) throw session.signal.reason;
  }

  /** Publishes `$all` after `this.published`, pipelined; acks are taken in order, the first failure ends the session. */
  private async follow(js: JetStreamClient, jsm: JetStreamManager, lastSequence: number, session: AbortController): Promise<void> {
    const fail = (error: unknown) => session.abort(error instanceof Error ? error : new Error(String(error)));
    const inFlight: Promise<void>[] = [];
    let acked: Promise<void> = Promise.resolve();
    let expected = lastSequence;
    /** Stored, the message says the stream holds `$all` up to `position`. */
    const send = async ({ subject, body, headers }: EventMessage, msgID: string, position: number) => {
      const ack: Promise<PubAck> = js.publish(subject, body, { msgID, headers, expect: { streamName: this.stream, lastSequence: expected++ }, timeout: this.publishTimeoutMs });
      ack.catch(() => undefined); // its failure is reported through `acked`
      acked = acked.then(() => ack).then(() => void (this.published = position));
      acked.catch(fail);
      inFlight.push(acked);
      if (inFlight.length >= this.maxInFlight) await inFlight.shift();
    };
    // The ids of events published again differ in each session: one that redoes an erasure cut short is no duplicate of the last.
    const again = randomUUID().slice(0, 8);
    try {
      for await (const event of this.store.subscribe({ from: this.published + 1, signal: session.signal, idlePollMs: this.options.idlePollMs })) {
        if (this.options.erasures && isErasure(this.options.erasures, event.type, event.data)) {
          await acked; // everything before the erasure is in the stream: none of its stream's messages is still on the way
          await jsm.streams.purge(this.stream, { filter: streamSubjects(event.streamId) });
          // Until the erasure itself is in, a restart goes on from it and does all of this again.
          const before = event.position - 1;
          for await (const earlier of this.store.readStream(event.streamId, { toVersion: event.streamVersion - 1 })) {
            await send(messageOf(earlier, before), `${earlier.eventId}:erased-at-${event.position}:${again}`, before);
          }
        }
        await send(messageOf(event), event.eventId, event.position);
      }
    } catch (error) {
      if (!session.signal.aborted) fail(error);
    }
    await acked.catch(() => undefined);
  }

  /** Renews the lease (losing it ends the session) and writes the checkpoint, until the session ends. */
  private async keepLeaseAndCheckpoint(session: AbortController): Promise<void> {
    const renewEvery = this.leaseMs / 3;
    let renewed = Date.now();
    while (!session.signal.aborted) {
      await sleep(Math.min(this.checkpointMs, renewEvery), session.signal);
      if (session.signal.aborted) return;
      try {
        await this.saveCheckpoint();
      } catch (error) {
        // The stream itself says where publishing stands: a checkpoint written late costs nothing.
        this.onError(`The NATS publisher could not write its checkpoint for ${this.stream}`, error);
      }
      if (Date.now() - renewed < renewEvery) continue;
      try {
        const held = await subscriptionLeases.take(this.db, [natsPublisherLease], this.options.holder, this.leaseMs);
        if (held.length === 0) session.abort(new Error(`${this.options.holder} lost the lease ${natsPublisherLease} to another process`));
        renewed = Date.now();
      } catch (error) {
        session.abort(error instanceof Error ? error : new Error(String(error)));
      }
    }
  }

  private async saveCheckpoint(): Promise<void> {
    const position = this.published;
    if (position === this.saved) return;
    await saveCheckpoint(this.db, this.stream, position);
    this.saved = position;
  }

  /** One connection for the publisher's life: it reconnects by itself when NATS comes back. */
  private async connect(): Promise<NatsConnection> {
    if (this.connection && !this.connection.isClosed()) return this.connection;
    this.connection = await connect({ servers: this.options.url.split(','), name: `crm-nats-publisher ${this.options.holder}`, maxReconnectAttempts: -1, reconnectTimeWait: 250 });
    return this.connection;
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
