/**
 * The contract suites adapters pass, and their fixtures: for adapters' tests, not for production code.
 * Two layers: the port contract for every adapter, the SQL contract on top for those built on `SqlEventStore`.
 */
export * from './contract-fixtures';
export * from './sql-contract-fixtures';
export { eventStorePortContract } from './event-store-port-contract';
export { sqlEventStoreContract } from './sql-event-store-contract';
export { holeSafetyContract } from './hole-safety-contract';
export { sqlClientContract } from './sql-client-contract';
export { cryptoShreddingContract } from './crypto-shredding-contract';
export { chainContract } from './chain-contract';
export { pagedReadsContract } from './paged-reads-contract';
export { checkpointContract } from './checkpoint-contract';
export { testMasterKeys, testPersonalDataPolicy } from './crypto-shredding-contract';
