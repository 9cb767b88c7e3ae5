import type { KeyObject } from 'node:crypto';
import { customerStream } from '@crm/domain';
import {
  auditChain,
  publicSigningKey,
  SqlCheckpoints,
  SqlImport,
  type AuditProgress,
  type AuditReport,
  type ChainedEvent,
  type ChainedReads,
  type EventStore,
  type SignedCheckpoint,
  type ExportLine,
  type SqlClient,
  type StreamKeys,
} from '@crm/event-store';
import { CustomerNotFound } from '../reads/customer-not-found';
import { exportLines, type ExportRequest } from './export-lines';
import { importLines, type ImportProgress, type ImportReport } from './import-lines';

/** A page of one customer's raw stream, each event with its link. */
export interface ChainedEventsPage {
  customerId: string;
  /** Each with `stored` where what its link covers differs from what it reads (sealed personal data): every link can be checked from the page. */
  events: ChainedEvent[];
  /** The version to ask from for the next page; null at the end of the range. */
  next: number | null;
}

export interface ChainedEventsRequest {
  customerId: string;
  fromVersion?: number;
  toVersion?: number;
  limit: number;
}

/**
 * What auditors trust the store by: each event's link, signed checkpoints over
 * every stream's head (made at intervals and on demand), and an audit of the
 * store against both. The signing key stays with the process; the database
 * holds only signatures.
 */
export class TamperEvidence {
  readonly publicKey: { keyId: string; publicKey: KeyObject; pem: string };
  private timer?: NodeJS.Timeout;
  private making?: Promise<unknown>;

  constructor(
    private readonly client: SqlClient,
    private readonly store: EventStore & ChainedReads,
    private readonly checkpoints: SqlCheckpoints,
    private readonly streamKeys: StreamKeys,
    signingKey: KeyObject,
  ) {
    this.publicKey = publicSigningKey(signingKey);
  }

  /** A checkpoint over everything written so far (the latest one when nothing was written since). */
  checkpoint(): Promise<{ checkpoint: SignedCheckpoint | null; created: boolean }> {
    const making = this.checkpoints.make();
    const settled = making.then(
      () => undefined,
      () => undefined,
    );
    this.making = settled;
    void settled.then(() => {
      if (this.making === settled) this.making = undefined;
    });
    return making;
  }

  /** Checkpoints after a sequence, oldest first. */
  list(after: number, limit: number): Promise<SignedCheckpoint[]> {
    return this.checkpoints.page(after, limit);
  }

  /** The whole store, or one customer's stream, against its links and every checkpoint. */
  async verify(options: { customerId?: string; onProgress?: (progress: AuditProgress) => void } = {}): Promise<AuditReport> {
    const report = await auditChain(this.client, this.publicKey.publicKey, {
      ...(options.customerId === undefined ? {} : { streamId: customerStream(options.customerId) }),
      onProgress: options.onProgress,
    });
    // A stream deleted whole still shows, by what the checkpoints committed to.
    if (options.customerId !== undefined && report.checked === 0 && report.broken.length === 0) throw new CustomerNotFound(options.customerId);
    return report;
  }

  /** One customer's events in the §8 envelope with each one's link and the one before it. */
  async events({ customerId, fromVersion = 0, toVersion, limit }: ChainedEventsRequest): Promise<ChainedEventsPage> {
    const streamId = customerStream(customerId);
    const upTo = Math.min(fromVersion + limit - 1, toVersion ?? Infinity);
    const events: ChainedEventsPage['events'] = [];
    for await (const event of this.store.readStreamChained(streamId, { fromVersion, toVersion: upTo })) events.push(event);
    const head = await this.store.streamVersion(streamId);
    if (head < 0) throw new CustomerNotFound(customerId);
    const end = Math.min(toVersion ?? head, head);
    return { customerId, events, next: upTo < end ? upTo + 1 : null };
  }

  /** An export's lines (one customer, a range of positions, or everything), streamed. */
  export(request: ExportRequest): AsyncIterable<ExportLine> {
    const { client, store, checkpoints, streamKeys } = this;
    return exportLines({ client, store, checkpoints, streamKeys, keyId: this.publicKey.keyId }, request);
  }

  /**
   * Stores an export's events, keys and checkpoints as they were, each line
   * checked first (signatures with `publicKey`, by default this deployment's).
   * The database must have no other writer meanwhile: the caller makes sure.
   */
  import(lines: AsyncIterable<string>, options: { publicKey?: KeyObject; onProgress?: (progress: ImportProgress) => void } = {}): Promise<ImportReport> {
    return importLines(lines, { events: new SqlImport(this.client), streamKeys: this.streamKeys }, options.publicKey ?? this.publicKey.publicKey, options.onProgress);
  }

  /** Makes a checkpoint every `seconds` while anything new was written (another process's are as good). */
  startCheckpointing(seconds: number, onError: (error: unknown) => void): void {
    if (seconds <= 0 || this.timer) return;
    this.timer = setInterval(() => {
      if (!this.making) this.checkpoint().catch(onError);
    }, seconds * 1000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.making;
  }
}
