export { openRuntime, storageKind, type Runtime, type RuntimeConfig, type StorageKind } from './runtime';
export { CustomerFacts, type CommandContext, type CommandOutcome } from './record-customer-fact';
export { CustomerStreams, CustomerViews } from './customer-streams';
export { customerOfStream, customerStream, StreamFoldCache, type Folded } from './stream-fold-cache';
export { serviceMigrations } from './service-schema';
export { loadRuntimeConfig } from './runtime-config';
export { CustomerHistory, type HistoryEntry, type HistoryPage } from './reads/customer-history';
export { CustomerNotFound } from './reads/customer-not-found';
export { LifecycleReads, type CustomerLifecycle, type Funnel } from './reads/lifecycle-reads';
