export * from './projection';
export type { Generation, GenerationStatus } from './catalog/generation';
export { projectionMigrations } from './catalog/migrations';
export { ProjectionDaemon, prepareProjections, type ProjectionDaemonOptions } from './daemon/projection-daemon';
export { relationshipHistory } from './read-models/relationship-history/definition';
