import type { InteractionChannel, InteractionDirection, InteractionPurpose, VisitPlan } from '../interactions/commands';
import type { InteractionEvent } from '../interactions/events';
import { isAtOrAfter } from '../shared/business-time';
import type { RegisteredCustomerView } from './customer-view';

export interface InteractionsView {
  readonly count: number;
  /** The latest by business time, not the last recorded: a backdated record does not replace it. */
  readonly last: {
    readonly at: string;
    readonly channel: InteractionChannel;
    readonly direction: InteractionDirection;
    readonly purpose: InteractionPurpose;
  } | null;
  /**
   * Visits planned for after the view's `lastEventAt`, soonest first; the first is the next
   * visit. The view has no clock, so a plan passes once a later event is folded.
   */
  readonly plannedVisits: readonly PlannedVisitView[];
}

export interface PlannedVisitView {
  readonly plannedFor: string;
  readonly purpose: InteractionPurpose;
  readonly contactId: string | null;
  readonly agenda: string | null;
  readonly plannedAt: string;
}

/** Satisfaction and NPS may come from different answers, so each keeps its own time. */
export interface SurveysView {
  readonly count: number;
  readonly lastSatisfaction: ScoreView | null;
  readonly lastNps: ScoreView | null;
}

export interface ScoreView {
  readonly score: number;
  readonly at: string;
}

export const noInteractions: InteractionsView = { count: 0, last: null, plannedVisits: [] };

export const noSurveys: SurveysView = { count: 0, lastSatisfaction: null, lastNps: null };

export function evolveInteractionsView(
  view: RegisteredCustomerView,
  event: InteractionEvent,
  at: string,
): RegisteredCustomerView {
  const { interactions, surveys } = view;
  switch (event.type) {
    case 'InteractionRecorded': {
      const { channel, direction, purpose } = event.data;
      const latest = interactions.last === null || isAtOrAfter(at, interactions.last.at);
      return {
        ...view,
        interactions: {
          ...interactions,
          count: interactions.count + 1,
          last: latest ? { at, channel, direction, purpose } : interactions.last,
        },
      };
    }
    case 'VisitPlanned': {
      const plan = plannedVisitView(event.data, at);
      const later = interactions.plannedVisits.findIndex((other) => !isAtOrAfter(plan.plannedFor, other.plannedFor));
      const plannedVisits = interactions.plannedVisits.toSpliced(
        later === -1 ? interactions.plannedVisits.length : later,
        0,
        plan,
      );
      return { ...view, interactions: { ...interactions, plannedVisits } };
    }
    case 'SurveyAnswered':
      return {
        ...view,
        surveys: {
          count: surveys.count + 1,
          lastSatisfaction: latestScore(surveys.lastSatisfaction, event.data.satisfaction, at),
          lastNps: latestScore(surveys.lastNps, event.data.nps, at),
        },
      };
  }
}

/** Drops the plans that are no longer ahead of `now`, the latest business time folded. */
export function visitsPlannedAfter(interactions: InteractionsView, now: string): InteractionsView {
  const ahead = interactions.plannedVisits.findIndex((plan) => !isAtOrAfter(now, plan.plannedFor));
  if (ahead === 0 || interactions.plannedVisits.length === 0) return interactions;
  return { ...interactions, plannedVisits: ahead === -1 ? [] : interactions.plannedVisits.slice(ahead) };
}

function plannedVisitView({ plannedFor, purpose, contactId, agenda }: VisitPlan, at: string): PlannedVisitView {
  return { plannedFor, purpose, contactId: contactId ?? null, agenda: agenda ?? null, plannedAt: at };
}

function latestScore(current: ScoreView | null, score: number | undefined, at: string): ScoreView | null {
  if (score === undefined) return current;
  return current === null || isAtOrAfter(at, current.at) ? { score, at } : current;
}
