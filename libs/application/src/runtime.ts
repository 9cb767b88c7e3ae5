import type { KeyObject } from 'node:crypto';
import { join } from 'node:path';
import {
  createCustomerDecider,
  dataSubjectOf,
  erasedSubjectOf,
  erasesPersonalData,
  personalFieldsOf,
  type ComplaintSlaHours,
  type CustomerDecider,
  type Tier,
} from '@crm/domain';
import {
  createPGliteClient,
  createPostgresClient,
  CryptoShreddingEventStore,
  migrate,
  SqlCheckpoints,
  SqlEventStore,
  StreamKeys,
  type EventStore,
  type SqlClient,
} from '@crm/event-store';
import { prepareProjections, ProjectionDaemon, readModels, type LoyaltyWeights, type TierPolicy } from '@crm/projections';
import { Subscriptions } from '@crm/subscriptions';
import { CustomerStreams, CustomerViews } from './customer-streams';
import { deleteAnswersOf } from './erased-answers';
import { evictErasedCustomers } from './erased-customer-eviction';
import { masterKeysOf } from './master-keys';
import { signingKeyOf } from './tamper-evidence/signing-key';
import { TamperEvidence } from './tamper-evidence/tamper-evidence';
import { CustomerFacts } from './record-customer-fact';
import { AuditTrailReads } from './reads/audit-trail-reads';
import { CustomerHistory } from './reads/customer-history';
import { CareAgendaReads } from './reads/care-agenda-reads';
import { ComplaintBoardReads } from './reads/complaint-board-reads';
import { Customer360Reads } from './reads/customer-360-reads';
import { CustomerStateCache } from './reads/customer-state-cache';
import { CustomerStateReads } from './reads/customer-state-reads';
import { CustomerListReads } from './reads/customer-list-reads';
import { LifecycleReads } from './reads/lifecycle-reads';
import { LoyaltyReads } from './reads/loyalty-reads';
import { ValueReads } from './reads/value-reads';
import { serviceMigrations } from './service-schema';

export interface RuntimeConfig {
  /** PostgreSQL server for events and read models; absent means embedded PGlite under `dataDir`. */
  databaseUrl?: string;
  /** Folder of the embedded database, and of the master key file when no master key is given. */
  dataDir: string;
  /**
   * The master key (32 bytes) that wraps each customer's key (CRM_MASTER_KEY); absent: the
   * one kept in `<dataDir>/keys/master-key`, made on the first start. Every process on a
   * database needs the same one.
   */
  masterKey?: Buffer;
  /** Master keys still accepted for unwrapping while a rotation (`crm rotate-keys`) moves keys to the current one (CRM_MASTER_KEY_PREVIOUS). */
  previousMasterKeys?: readonly Buffer[];
  /**
   * The Ed25519 key that signs checkpoints (CRM_SIGNING_KEY); absent: the one kept in
   * `<dataDir>/keys/signing-key.pem`, made on the first start. Every process on a database
   * should sign with the same one, whose public half auditors are given.
   */
  signingKey?: KeyObject;
  /** Seconds between the checkpoints this process makes while events are written (CRM_CHECKPOINT_SECONDS, default 60; 0: only on demand). */
  checkpointSeconds?: number;
  /** Hours until a complaint is due, per severity. */
  complaintSlaHours?: Partial<ComplaintSlaHours>;
  /** How long a process's hold on a projection lasts unless renewed: another takes over this long after it died (default 15). */
  projectionLeaseSeconds?: number;
  /** Events per transaction of the read models at most, live and in a rebuild (default 2,000 and 5,000). */
  projectionBatchSizes?: { live?: number; rebuild?: number };
  /** The one currency of analytics (C3); orders in others are left out and counted. Default CNY. */
  analyticsCurrency?: string;
  /** Key and general shares of the ranked population (default 10% and 30%). */
  tierPolicy?: TierPolicy;
  /** The loyalty index's weights, summing to 100. */
  loyaltyWeights?: LoyaltyWeights;
  /** Days between care visits, per tier (default key 7, general 28, small 56). */
  careCadenceDays?: Partial<Record<Tier, number>>;
  /** Told when a projection fails or its lane stops (it starts again by itself). */
  onProjectionError?: (message: string, error: unknown) => void;
  /** Told when a background delivery (webhooks, NATS) fails (it tries again by itself). */
  onSubscriptionError?: (message: string, error: unknown) => void;
  /**
   * NATS servers to forward `$all` to, into the JetStream stream `CRM_EVENTS` (CRM_NATS_URL,
   * `nats://host:port`, comma-separated); absent: no publishing to NATS.
   */
  natsUrl?: string;
}

export type StorageKind = 'postgres' | 'pglite';

/** Everything a process needs to record and read customers' facts, on one database connection (pool). */
export interface Runtime {
  readonly storage: StorageKind;
  /** The database itself: events, the service's own tables, and listening for notices. */
  readonly client: SqlClient;
  /** The event store as the service runs it: personal data sealed, erasure shredding it. */
  readonly store: EventStore;
  /** The customers' keys, wrapped under the master key: rotation, export and import. */
  readonly streamKeys: StreamKeys;
  readonly decider: CustomerDecider;
  /** The write use case. */
  readonly facts: CustomerFacts;
  /** The customer view (GET /v1/customers/:id), kept folded. */
  readonly views: CustomerViews;
  /** The read models' daemon: not started by opening; `start()` makes this process apply them. */
  readonly projections: ProjectionDaemon;
  /** A customer's relationship history, from its read model. */
  readonly history: CustomerHistory;
  /** Lifecycle stages and the funnel, from their read model. */
  readonly lifecycle: LifecycleReads;
  /** The complaint board, from its read model. */
  readonly complaints: ComplaintBoardReads;
  /** Tiers and decile analyses, from the commerce read model. */
  readonly value: ValueReads;
  /** RFM, the loyalty index and the four degrees. */
  readonly loyalty: LoyaltyReads;
  /** Care dates, visits due and silent customers. */
  readonly care: CareAgendaReads;
  /** The customer list: filtered, sorted, paged. */
  readonly customers: CustomerListReads;
  /** One customer from every angle (its 360). */
  readonly customer360: Customer360Reads;
  /** The customer view as of a business time and a knowledge time, folded from its stream (the auditors' state). */
  readonly customerState: CustomerStateReads;
  /** Who did what: the audit trail, by actor, recording time and type. */
  readonly audit: AuditTrailReads;
  /** Chain links, signed checkpoints and the audit of the store against them. */
  readonly evidence: TamperEvidence;
  /** What integrators read and subscribe to: the feed, consumer groups, webhooks, NATS; `start()` makes this process deliver. */
  readonly subscriptions: Subscriptions;
  /** Stops the projections, stops listening and closes the database. */
  close(): Promise<void>;
}

export function storageKind(config: Pick<RuntimeConfig, 'databaseUrl'>): StorageKind {
  return config.databaseUrl ? 'postgres' : 'pglite';
}

/**
 * Opens the database (PostgreSQL or the embedded PGlite), migrates the event
 * store's and the service's tables, and composes the crypto-shredding store
 * with the domain's policy and the write use case. A bad complaint SLA or care
 * cadence fails here, before anything listens.
 */
export async function openRuntime(config: RuntimeConfig): Promise<Runtime> {
  const decider = createCustomerDecider({ complaintSlaHours: config.complaintSlaHours });
  // Before the database: a key file that cannot be read fails the start with nothing opened.
  const masterKeys = masterKeysOf(config);
  const signingKey = signingKeyOf(config);
  const client = config.databaseUrl ? createPostgresClient(config.databaseUrl) : await createPGliteClient(join(config.dataDir, 'pglite'));
  try {
    await migrate(client, serviceMigrations);
    // Personal data is sealed with the customer's key, stored wrapped under the master key; erasure
    // shreds the key and, in the same transaction, the stored Idempotency-Key answers that hold copies of it.
    const events = await SqlEventStore.open(client);
    const streamKeys = await StreamKeys.open(client, masterKeys);
    // A contact's own fields are sealed under a key of their own, which the contact's erasure shreds alone.
    const policy = { personalFields: personalFieldsOf, subjectOf: dataSubjectOf, erases: erasesPersonalData, erasesSubject: erasedSubjectOf };
    const store = new CryptoShreddingEventStore(events, streamKeys, policy, { onErasure: deleteAnswersOf });
    const streams = new CustomerStreams(store, decider);
    const views = new CustomerViews(store);
    const stateHistories = new CustomerStateCache(store);
    const stopEvicting = await evictErasedCustomers(client, [streams, views, stateHistories]);
    // Every process prepares the read models' tables, so that their views answer at once.
    await prepareProjections(store, client, readModels);
    const currency = config.analyticsCurrency ?? 'CNY';
    const value = new ValueReads(views, store, client, currency, config.tierPolicy);
    const lifecycle = new LifecycleReads(views, store, client);
    const loyalty = new LoyaltyReads(views, store, client, value, currency, config.loyaltyWeights);
    const complaints = new ComplaintBoardReads(store, client, config.complaintSlaHours);
    const care = new CareAgendaReads(store, client, value, config.careCadenceDays);
    const evidence = new TamperEvidence(client, store, await SqlCheckpoints.open(client, signingKey), streamKeys, signingKey);
    const projections = new ProjectionDaemon(store, client, readModels, {
      onError: config.onProjectionError,
      ...(config.projectionLeaseSeconds ? { leaseMs: config.projectionLeaseSeconds * 1000 } : {}),
      batchSize: config.projectionBatchSizes?.live,
      rebuildBatchSize: config.projectionBatchSizes?.rebuild,
    });
    const subscriptions = await Subscriptions.open(client, store, {
      holder: projections.holder,
      onError: config.onSubscriptionError,
      natsUrl: config.natsUrl,
      erasures: policy,
    });
    return {
      storage: storageKind(config),
      client,
      store,
      streamKeys,
      decider,
      facts: new CustomerFacts(store, streams, decider),
      views,
      projections,
      history: new CustomerHistory(views, client),
      lifecycle,
      complaints,
      value,
      loyalty,
      care,
      customers: new CustomerListReads(store, client, value, currency),
      customer360: new Customer360Reads(views, store, { lifecycle, value, loyalty, complaints, care }),
      customerState: new CustomerStateReads(stateHistories),
      audit: new AuditTrailReads(store, client),
      evidence,
      subscriptions,
      close: async () => {
        await subscriptions.stop();
        await projections.stop();
        await evidence.stop();
        await stopEvicting();
        // Closing the store stops its listening and closes the connection it shares with the rest.
        await store.close();
      },
    };
  } catch (error) {
    await client.close();
    throw error;
  }
}
