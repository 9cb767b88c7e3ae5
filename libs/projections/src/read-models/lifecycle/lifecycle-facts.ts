/**
 * The lifecycle's vocabulary (READ-MODELS §2, 002's ladder): its stages, the facts its rules
 * read, and the stage history they produce. Kept apart from the rules so the funnel and the
 * rules can both use it without importing each other. A fact is reduced to what the stage
 * needs; the projection maps the customer's events onto these (one fact per event).
 */
import type { RelationshipLevel } from '@crm/domain';

export type Stage =
  | 'suspect'
  | 'prospect'
  | 'first-time-buyer'
  | 'repeat-buyer'
  | 'client'
  | 'advocate'
  | 'partner'
  | 'disqualified'
  | 'lapsed';

/** The ladder's seven ranked stages, in rank order (suspect 0 … partner 6). */
export const funnelStages = [
  'suspect',
  'prospect',
  'first-time-buyer',
  'repeat-buyer',
  'client',
  'advocate',
  'partner',
] as const satisfies readonly Stage[];

export type RankedStage = (typeof funnelStages)[number];

/** Every stage: the ladder's, then the two off it. */
export const stages = [...funnelStages, 'disqualified', 'lapsed'] as const satisfies readonly Stage[];

/** A ranked stage's rank (0..6); disqualified and lapsed have none (null). */
export function stageRank(stage: Stage): number | null {
  const rank = (funnelStages as readonly Stage[]).indexOf(stage);
  return rank === -1 ? null : rank;
}

/** When a fact happened: business time (`occurredAt`, epoch ms) and its `streamVersion` (C1). */
interface Timed {
  readonly at: number;
  readonly version: number;
}

export type LifecycleFact = Timed &
  (
    | { readonly kind: 'registered' }
    | { readonly kind: 'qualified' }
    | { readonly kind: 'disqualified' }
    /** Every recorded purchase, refunded or not (C3: the lifecycle counts every purchase). */
    | { readonly kind: 'purchase' }
    | { readonly kind: 'churned' }
    | { readonly kind: 'partnership' }
    /** `contactId` null: the account's own level; otherwise that contact's. */
    | { readonly kind: 'relationship-level'; readonly level: RelationshipLevel; readonly contactId: string | null }
    | { readonly kind: 'contact-removed'; readonly contactId: string }
    | { readonly kind: 'referral' }
    | { readonly kind: 'survey'; readonly nps: number | null }
    | { readonly kind: 'erased' }
  );

/** One stay in a stage: from the evaluation time where it began to the next one's (null: current). */
export interface StageSpan {
  readonly stage: Stage;
  readonly from: number;
  readonly to: number | null;
}
