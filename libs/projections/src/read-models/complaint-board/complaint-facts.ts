/**
 * The complaint board's inputs and answers: one complaint's facts (its events, reduced to what
 * the board reads) and the row and stats computed from them. Times are epoch ms.
 */
import type {
  ComplaintCategory,
  ComplaintEvent,
  ComplaintSeverity,
  ComplaintStatus,
  InteractionChannel,
} from '@crm/domain';

export interface At {
  /** Business time (`occurredAt`), epoch ms. */
  readonly at: number;
  /** The event's `streamVersion`: breaks ties in `at`. */
  readonly version: number;
}

export type ComplaintFact = At &
  (
    | {
        readonly kind: 'filed';
        readonly severity: ComplaintSeverity;
        readonly category: ComplaintCategory;
        readonly channel: InteractionChannel;
        readonly receivedBy: string;
      }
    | { readonly kind: 'acknowledged' }
    | { readonly kind: 'escalated'; readonly to: string }
    | { readonly kind: 'transferred'; readonly to: string }
    | { readonly kind: 'resolved' }
    | { readonly kind: 'closed'; readonly satisfaction?: number | null }
    | { readonly kind: 'reopened' }
  );

export type FiledFact = Extract<ComplaintFact, { kind: 'filed' }>;

export interface ComplaintAt {
  readonly status: ComplaintStatus;
  readonly severity: ComplaintSeverity;
  readonly category: ComplaintCategory;
  readonly channel: InteractionChannel;
  /** Who received it (首问): never changes. */
  readonly firstResponder: string;
  /** The receiver, or the `to` of the latest transfer. */
  readonly owner: string;
  /** Escalations so far; a reopening does not reset it. */
  readonly escalationLevel: number;
  readonly reopenCount: number;
  /** The (first) filing, not a reopening. */
  readonly filedAt: number;
  /** The filing or the latest reopening + the severity's SLA hours. */
  readonly dueAt: number;
  /** Filed, acknowledged, escalated or reopened at T: its SLA clock runs. */
  readonly open: boolean;
  /** floor((T - filedAt) / 1 h). */
  readonly ageHours: number;
  /**
   * Open: T > dueAt (strict; exactly at dueAt is in time). Resolved or closed: the clock
   * stopped at the latest resolve, so `resolvedAt > dueAt`.
   */
  readonly breached: boolean;
  /** floor(hours from dueAt to T, or to the stopping resolve) when breached, else 0: 1 ms late is breached with 0 h. */
  readonly overdueHours: number;
}

export interface ResolutionCycle {
  /** The filing or a reopening. */
  readonly startedAt: number;
  readonly dueAt: number;
  readonly resolvedAt: number;
  /** Exact (fractional) hours from start to resolve. */
  readonly hoursToResolve: number;
  /** Resolved at or before dueAt. */
  readonly withinSla: boolean;
}

/** One complaint's facts with the keys the board shows it under. */
export interface BoardComplaint {
  readonly customerId: string;
  readonly complaintId: string;
  readonly facts: readonly ComplaintFact[];
}

export type BoardRow = { readonly customerId: string; readonly complaintId: string } & ComplaintAt;

export interface BoardStats {
  /** Mean of the cycles' exact hours to resolve; null when no cycle was resolved by T. */
  readonly meanHoursToResolve: number | null;
  /** Share of those cycles resolved within their SLA; null when none. */
  readonly slaAttainment: number | null;
  /** Mean satisfaction of the closings at or before T that carry one; null when none. */
  readonly meanSatisfaction: number | null;
}

/** A stored complaint event as the board's fact: `at` its business time, `version` its streamVersion. */
export function toComplaintFact(event: ComplaintEvent, at: number, version: number): ComplaintFact {
  switch (event.type) {
    case 'ComplaintFiled': {
      const { severity, category, channel, owner } = event.data;
      return { kind: 'filed', at, version, severity, category, channel, receivedBy: owner };
    }
    case 'ComplaintAcknowledged':
      return { kind: 'acknowledged', at, version };
    case 'ComplaintEscalated':
      return { kind: 'escalated', at, version, to: event.data.to };
    case 'ComplaintTransferred':
      return { kind: 'transferred', at, version, to: event.data.to };
    case 'ComplaintResolved':
      return { kind: 'resolved', at, version };
    case 'ComplaintClosed':
      return { kind: 'closed', at, version, satisfaction: event.data.satisfaction ?? null };
    case 'ComplaintReopened':
      return { kind: 'reopened', at, version };
  }
}
