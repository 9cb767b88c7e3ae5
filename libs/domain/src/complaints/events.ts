import type { InteractionChannel } from '../interactions/commands';
import type { ComplaintCategory, ComplaintSeverity } from './commands';

export type ComplaintFiled = {
  type: 'ComplaintFiled';
  data: {
    complaintId: string;
    category: ComplaintCategory;
    severity: ComplaintSeverity;
    channel: InteractionChannel;
    description: string;
    /** The receiver. */
    owner: string;
    contactId?: string;
    /** Filing instant plus the severity's SLA, in UTC. */
    dueAt: string;
  };
};
export type ComplaintAcknowledged = { type: 'ComplaintAcknowledged'; data: { complaintId: string } };
/** `level` counts escalations: 1 for the first. */
export type ComplaintEscalated = {
  type: 'ComplaintEscalated';
  data: { complaintId: string; level: number; to: string; reason: string };
};
export type ComplaintTransferred = {
  type: 'ComplaintTransferred';
  data: { complaintId: string; from: string; to: string; reason: string };
};
export type ComplaintResolved = { type: 'ComplaintResolved'; data: { complaintId: string; resolution: string } };
/** `dueAt`: the SLA restarts from the reopening. */
export type ComplaintReopened = {
  type: 'ComplaintReopened';
  data: { complaintId: string; reason: string; dueAt: string };
};
export type ComplaintClosed = { type: 'ComplaintClosed'; data: { complaintId: string; satisfaction?: number } };

export type ComplaintEvent =
  | ComplaintFiled
  | ComplaintAcknowledged
  | ComplaintEscalated
  | ComplaintTransferred
  | ComplaintResolved
  | ComplaintReopened
  | ComplaintClosed;
