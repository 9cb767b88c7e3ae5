export * from './event-store';
export * from './errors';
export { defaultAppendLimits, type AppendLimits } from './validation';
export { SqlEventStore, type SqlEventStoreOptions } from './sql/sql-event-store';
export type { SqlClient, SqlQueryable, SqlTransaction } from './sql/sql-client';
export { copyText } from './sql/sql-client';
export { migrate, type Migrations } from './sql/migrations';
export { Leases, leaseTable } from './sql/leases';
export { createPostgresClient, createPostgresEventStore } from './postgres/postgres-event-store';
export { createPGliteClient, createPGliteEventStore } from './pglite/pglite-event-store';
export {
  CryptoShreddingEventStore,
  isErasure,
  type CryptoShreddingOptions,
  type ErasurePolicy,
  type PersonalDataPolicy,
} from './personal-data/crypto-shredding-event-store';
export type { StreamKeyVault } from './personal-data/stream-key-vault';
export { StreamKeys, streamKeyShreddedChannel, type StreamKeysOptions } from './personal-data/stream-keys';
export { streamOfKey } from './personal-data/key-names';
export { formatMasterKey, MasterKeys, masterKeyId, newMasterKey, parseMasterKey, type GivenMasterKey, type MasterKey } from './personal-data/master-keys';
export { readOrMakeMasterKeyFile } from './personal-data/master-key-file';
export { readOrMakeKeyFile } from './key-file';
export { AlteredStreamKeyError, UnknownMasterKeyError } from './personal-data/master-key-errors';
export type { RewrapOptions, RewrapOutcome } from './personal-data/stream-key-rotation';
export type { WrappedKeyPage, WrappedStreamKey } from './personal-data/wrapped-key-listing';
export { StreamKeyConflictError } from './personal-data/wrapped-key-import';
export { isDatabaseUnavailable } from './unavailable';
export { chainLink, storedFormOf, type StoredTexts } from './chain/chain-link';
export { inclusionProof } from './checkpoints/merkle';
export { checkpointStatement, type SignedCheckpoint } from './checkpoints/signed-checkpoint';
export { newSigningKeyPem, parseSigningKey, publicSigningKey } from './checkpoints/signing-key';
export { SqlCheckpoints } from './checkpoints/sql-checkpoints';
export { settledPosition } from './sql/all-stream-reader';
export { exportFormat, type ExportLine, type ExportScope } from './export/export-format';
export { ExportChecker, type ExportFinding } from './export/export-checker';
export { verifyExport, type ExportReport } from './export/verify-export';
export { SqlImport } from './export/sql-import';
export { auditChain, type AuditProgress, type AuditReport, type Finding, type FindingReason } from './checkpoints/chain-audit';
