import { requireNamedContact } from '../contacts/contacts';
import type { CustomerEvent, RegisteredCustomer } from '../customer-stream';
import { interactionChannels } from '../interactions/commands';
import { isAtOrAfter, latestOf } from '../shared/business-time';
import { commandTypes, type DecisionContext, type Stamped } from '../shared/decider';
import { BusinessRuleViolation, DuplicateConflict, NotFound } from '../shared/errors';
import { fingerprint, optional } from '../shared/json';
import { emptyKeyed, getKeyed, type Keyed, setKeyed } from '../shared/keyed';
import { requireInstant, requireOneOf, requireText, requireWholeNumber } from '../shared/validation';
import {
  type ComplaintCommand,
  type ComplaintFiling,
  complaintCategories,
  type ComplaintSeverity,
  complaintSeverities,
} from './commands';
import type { ComplaintEvent, ComplaintFiled } from './events';
import { type ComplaintSlaHours, dueAfter } from './sla';

export type ComplaintStatus = 'filed' | 'acknowledged' | 'escalated' | 'resolved' | 'closed' | 'reopened';

export interface ComplaintState {
  /** Fingerprint of the filing without its due time, which depends on when a retry is sent. */
  readonly filed: string;
  readonly status: ComplaintStatus;
  readonly owner: string;
  readonly severity: ComplaintSeverity;
  readonly escalationLevel: number;
  /** Business time of the filing: no step may precede it. */
  readonly filedAt: string;
  /** Business time of the latest step, never before the filing; null before the first step. */
  readonly lastStepAt: string | null;
}

export type ComplaintsState = Keyed<ComplaintState>;

export const initialComplaints: ComplaintsState = emptyKeyed();

export const isComplaintCommand = commandTypes<ComplaintCommand>({
  FileComplaint: true,
  AcknowledgeComplaint: true,
  EscalateComplaint: true,
  TransferComplaint: true,
  ResolveComplaint: true,
  ReopenComplaint: true,
  CloseComplaint: true,
});

type Step = Exclude<ComplaintCommand['type'], 'FileComplaint'>;

const inProgress: readonly ComplaintStatus[] = ['acknowledged', 'escalated', 'reopened'];

/** filed → acknowledged → escalated/transferred → resolved → closed; reopen from resolved or closed. */
const allowedFrom: Record<Step, readonly ComplaintStatus[]> = {
  AcknowledgeComplaint: ['filed'],
  EscalateComplaint: inProgress,
  TransferComplaint: inProgress,
  ResolveComplaint: inProgress,
  CloseComplaint: ['resolved'],
  ReopenComplaint: ['resolved', 'closed'],
};

export function decideComplaints(
  command: ComplaintCommand,
  state: RegisteredCustomer,
  sla: ComplaintSlaHours,
  context: DecisionContext,
): ComplaintEvent[] {
  if (command.type === 'FileComplaint') return fileComplaint(command.data, state, sla, context);
  const { complaintId } = command.data;
  const complaint = getKeyed(state.complaints, complaintId);
  if (!complaint) throw new NotFound('complaint', complaintId);
  if (!allowedFrom[command.type].includes(complaint.status)) {
    throw new BusinessRuleViolation(
      violatedRule(command.type, complaint.status),
      `Complaint ${complaintId} is ${complaint.status}; ${command.type} is not possible now.`,
    );
  }
  const stepAt = requireStepInOrder(complaintId, complaint, context);
  switch (command.type) {
    case 'AcknowledgeComplaint':
      return [{ type: 'ComplaintAcknowledged', data: { complaintId } }];
    case 'EscalateComplaint': {
      const { to, reason } = command.data;
      requireText(to, 'to');
      requireText(reason, 'reason');
      const level = complaint.escalationLevel + 1;
      return [{ type: 'ComplaintEscalated', data: { complaintId, level, to, reason } }];
    }
    case 'TransferComplaint': {
      const { to, reason } = command.data;
      requireText(to, 'to');
      requireText(reason, 'reason');
      if (to === complaint.owner) {
        throw new BusinessRuleViolation(
          'complaint.transfer_to_current_owner',
          `Complaint ${complaintId} is owned by ${to} already.`,
          'to',
        );
      }
      return [{ type: 'ComplaintTransferred', data: { complaintId, from: complaint.owner, to, reason } }];
    }
    case 'ResolveComplaint':
      requireText(command.data.resolution, 'resolution');
      return [{ type: 'ComplaintResolved', data: { complaintId, resolution: command.data.resolution } }];
    case 'ReopenComplaint': {
      const { reason } = command.data;
      requireText(reason, 'reason');
      const dueAt = dueAfter(stepAt, complaint.severity, sla);
      return [{ type: 'ComplaintReopened', data: { complaintId, reason, dueAt } }];
    }
    case 'CloseComplaint': {
      const { satisfaction } = command.data;
      if (satisfaction !== undefined) requireWholeNumber(satisfaction, 'satisfaction', { min: 1, max: 5 });
      return [{ type: 'ComplaintClosed', data: { complaintId, ...optional('satisfaction', satisfaction) } }];
    }
  }
}

function violatedRule(step: Step, status: ComplaintStatus): string {
  if (status === 'closed') return 'complaint.already_closed';
  if (step === 'CloseComplaint' || step === 'ReopenComplaint') return 'complaint.not_resolved';
  if (status === 'resolved') return 'complaint.already_resolved';
  return step === 'AcknowledgeComplaint' ? 'complaint.already_acknowledged' : 'complaint.not_acknowledged';
}

/**
 * A step before the filing or the step it follows would give the complaint board a negative
 * duration; the same instant is fine (steps recorded together). Returns the step's epoch ms.
 */
function requireStepInOrder(complaintId: string, complaint: ComplaintState, context: DecisionContext): number {
  const stepAt = requireInstant(context.occurredAt, 'occurredAt');
  const previousAt = complaint.lastStepAt ?? complaint.filedAt;
  if (!isAtOrAfter(context.occurredAt, previousAt)) {
    const previous = complaint.lastStepAt === null ? 'its filing' : 'its latest step';
    throw new BusinessRuleViolation(
      'complaint.step_before_previous',
      `Complaint ${complaintId} cannot take a step at ${context.occurredAt}, before ${previous} at ${previousAt}.`,
      'occurredAt',
    );
  }
  return stepAt;
}

function fileComplaint(
  data: ComplaintFiling,
  state: RegisteredCustomer,
  sla: ComplaintSlaHours,
  context: DecisionContext,
): ComplaintFiled[] {
  const { complaintId, category, severity, channel, description, receivedBy, contactId } = data;
  requireText(complaintId, 'complaintId');
  requireOneOf(complaintCategories, category, 'category');
  requireOneOf(complaintSeverities, severity, 'severity');
  requireOneOf(interactionChannels, channel, 'channel');
  requireText(description, 'description');
  requireText(receivedBy, 'receivedBy');
  const filedAt = requireInstant(context.occurredAt, 'occurredAt');
  const filing = {
    complaintId,
    category,
    severity,
    channel,
    description,
    owner: receivedBy,
    ...optional('contactId', contactId),
  };
  const existing = getKeyed(state.complaints, complaintId);
  if (existing) {
    if (existing.filed === fingerprint(filing)) return [];
    throw new DuplicateConflict('complaint', complaintId);
  }
  if (contactId !== undefined) requireNamedContact(state, contactId, 'contactId');
  return [{ type: 'ComplaintFiled', data: { ...filing, dueAt: dueAfter(filedAt, severity, sla) } }];
}

export function evolveComplaints(complaints: ComplaintsState, event: Stamped<CustomerEvent>): ComplaintsState {
  // Latest by business time: a step stored backdated, before the rule existed, does not move it back.
  const change = (complaintId: string, update: (complaint: ComplaintState) => ComplaintState): ComplaintsState => {
    const complaint = getKeyed(complaints, complaintId);
    if (!complaint) return complaints;
    const lastStepAt = latestOf(complaint.lastStepAt ?? complaint.filedAt, event.metadata.occurredAt);
    return setKeyed(complaints, complaintId, { ...update(complaint), lastStepAt });
  };
  switch (event.type) {
    case 'ComplaintFiled': {
      const { dueAt, ...filing } = event.data;
      return setKeyed(complaints, filing.complaintId, {
        filed: fingerprint(filing),
        status: 'filed',
        owner: filing.owner,
        severity: filing.severity,
        escalationLevel: 0,
        filedAt: event.metadata.occurredAt,
        lastStepAt: null,
      });
    }
    case 'ComplaintAcknowledged':
      return change(event.data.complaintId, (complaint) => ({ ...complaint, status: 'acknowledged' }));
    case 'ComplaintEscalated':
      return change(event.data.complaintId, (complaint) => ({
        ...complaint,
        status: 'escalated',
        escalationLevel: event.data.level,
      }));
    case 'ComplaintTransferred':
      return change(event.data.complaintId, (complaint) => ({ ...complaint, owner: event.data.to }));
    case 'ComplaintResolved':
      return change(event.data.complaintId, (complaint) => ({ ...complaint, status: 'resolved' }));
    case 'ComplaintReopened':
      return change(event.data.complaintId, (complaint) => ({ ...complaint, status: 'reopened' }));
    case 'ComplaintClosed':
      return change(event.data.complaintId, (complaint) => ({ ...complaint, status: 'closed' }));
    default:
      return complaints;
  }
}
