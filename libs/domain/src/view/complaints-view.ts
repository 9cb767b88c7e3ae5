import type { ComplaintCategory, ComplaintSeverity } from '../complaints/commands';
import type { ComplaintStatus } from '../complaints/complaints';
import type { ComplaintEvent, ComplaintFiled } from '../complaints/events';
import type { InteractionChannel } from '../interactions/commands';

/**
 * Every complaint, closed ones included: a closed complaint can be reopened, and then it is
 * shown again as it was. The counts split the list by where each complaint stands.
 */
export interface ComplaintsView {
  /** Filed, acknowledged, escalated or reopened: its SLA clock runs. */
  readonly openCount: number;
  /** Resolved, waiting to be closed (or reopened). */
  readonly resolvedCount: number;
  readonly closedCount: number;
  /** In the order filed. */
  readonly items: readonly ComplaintView[];
}

/** The description is left to the relationship history: it is free text and may name people. */
export interface ComplaintView {
  readonly complaintId: string;
  readonly category: ComplaintCategory;
  readonly severity: ComplaintSeverity;
  readonly channel: InteractionChannel;
  readonly contactId: string | null;
  readonly owner: string;
  readonly status: ComplaintStatus;
  readonly filedAt: string;
  /** Restarted by a reopening. */
  readonly dueAt: string;
  readonly escalationLevel: number;
  readonly resolvedAt: string | null;
  readonly closedAt: string | null;
  /** The customer's verdict on the handling, given when it was closed. */
  readonly satisfaction: number | null;
}

export const noComplaints: ComplaintsView = { openCount: 0, resolvedCount: 0, closedCount: 0, items: [] };

export function evolveComplaintsView(complaints: ComplaintsView, event: ComplaintEvent, at: string): ComplaintsView {
  if (event.type === 'ComplaintFiled') return counted([...complaints.items, complaintView(event.data, at)]);
  const index = complaints.items.findIndex((complaint) => complaint.complaintId === event.data.complaintId);
  if (index === -1) return complaints;
  return counted(complaints.items.with(index, stepped(complaints.items[index], event, at)));
}

function complaintView(filing: ComplaintFiled['data'], at: string): ComplaintView {
  return {
    complaintId: filing.complaintId,
    category: filing.category,
    severity: filing.severity,
    channel: filing.channel,
    contactId: filing.contactId ?? null,
    owner: filing.owner,
    status: 'filed',
    filedAt: at,
    dueAt: filing.dueAt,
    escalationLevel: 0,
    resolvedAt: null,
    closedAt: null,
    satisfaction: null,
  };
}

function stepped(complaint: ComplaintView, event: Exclude<ComplaintEvent, ComplaintFiled>, at: string): ComplaintView {
  switch (event.type) {
    case 'ComplaintAcknowledged':
      return { ...complaint, status: 'acknowledged' };
    case 'ComplaintEscalated':
      return { ...complaint, status: 'escalated', escalationLevel: event.data.level };
    case 'ComplaintTransferred':
      return { ...complaint, owner: event.data.to };
    case 'ComplaintResolved':
      return { ...complaint, status: 'resolved', resolvedAt: at };
    case 'ComplaintReopened':
      return {
        ...complaint,
        status: 'reopened',
        dueAt: event.data.dueAt,
        resolvedAt: null,
        closedAt: null,
        satisfaction: null,
      };
    case 'ComplaintClosed':
      return { ...complaint, status: 'closed', closedAt: at, satisfaction: event.data.satisfaction ?? null };
  }
}

function counted(items: readonly ComplaintView[]): ComplaintsView {
  const countOf = (status: ComplaintStatus) => items.filter((complaint) => complaint.status === status).length;
  const resolvedCount = countOf('resolved');
  const closedCount = countOf('closed');
  return { openCount: items.length - resolvedCount - closedCount, resolvedCount, closedCount, items };
}
