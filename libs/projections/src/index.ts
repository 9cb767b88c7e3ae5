export * from './projection';
export type { Generation, GenerationStatus } from './catalog/generation';
export { ProjectionDaemon, prepareProjections, type ProjectionDaemonOptions } from './daemon/projection-daemon';
export { readModels } from './read-models';
export { projectionStatus, rebuildIdOf, type ProjectionState, type ProjectionStatus, type RebuildProgress } from './status/projection-status';
export { historyCategories, type HistoryCategory } from './read-models/relationship-history/categories';
export {
  readCustomerHistory,
  type HistoryCursor,
  type HistoryFilter,
  type StoredHistoryEntry,
} from './read-models/relationship-history/history-query';
export { summarize, type SummaryLanguage } from './read-models/relationship-history/summaries';
export { heldHistoryVersion } from './read-models/relationship-history/held-version';
export { activePosition } from './catalog/active-position';
export { lifecycle } from './read-models/lifecycle/definition';
export { readStageHistory } from './read-models/lifecycle/lifecycle-query';
export { readFunnel, type Cohort } from './read-models/lifecycle/funnel-query';
export { funnel, funnelStages, stageSince, type FunnelStage, type Stage, type StageSpan } from './read-models/lifecycle/lifecycle-rules';
export { complaintBoard } from './read-models/complaint-board/definition';
export { readComplaintsAsOf } from './read-models/complaint-board/board-query';
export { boardStats, complaintAt, openBoard, type BoardRow, type BoardStats } from './read-models/complaint-board/complaint-rules';
export { commerce } from './read-models/commerce/definition';
export { readPopulation, type PopulationMember } from './read-models/commerce/population-query';
export { readCustomerOrders, type CountedOrder, type OrdersWindow } from './read-models/commerce/orders-query';
export { readOrderTotals, type OrderTotals } from './read-models/commerce/order-totals-query';
export * from './read-models/value';
export { loyaltyEvidence } from './read-models/loyalty/definition';
export { readLoyaltyFacts, type LoyaltyFacts } from './read-models/loyalty/evidence-query';
export { leaseHolder } from './catalog/lease-holder';
export { relationshipHistory } from './read-models/relationship-history/definition';
export * from './read-models/care-agenda';
export * from './read-models/customer-directory';
export * from './read-models/audit-trail';
export { readStagesAt } from './read-models/lifecycle/stages-query';
export { stages } from './read-models/lifecycle/lifecycle-facts';
