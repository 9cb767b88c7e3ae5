import type { InteractionChannel } from '../interactions/commands';

export const complaintCategories = [
  'product-quality',
  'delivery',
  'billing',
  'supply',
  'service',
  'staff-conduct',
  'other',
] as const;
export type ComplaintCategory = (typeof complaintCategories)[number];

export const complaintSeverities = ['low', 'medium', 'high', 'critical'] as const;
export type ComplaintSeverity = (typeof complaintSeverities)[number];

export interface ComplaintFiling {
  complaintId: string;
  category: ComplaintCategory;
  severity: ComplaintSeverity;
  channel: InteractionChannel;
  description: string;
  /** 首问负责制: whoever received the complaint owns it until it is transferred. */
  receivedBy: string;
  contactId?: string;
}

export type FileComplaint = { type: 'FileComplaint'; data: ComplaintFiling };
export type AcknowledgeComplaint = { type: 'AcknowledgeComplaint'; data: { complaintId: string } };
/** Brings in `to` (a manager or a team) one level up; the owner stays the owner. */
export type EscalateComplaint = {
  type: 'EscalateComplaint';
  data: { complaintId: string; to: string; reason: string };
};
/** Hands ownership to `to`, who answers for the complaint from then on. */
export type TransferComplaint = {
  type: 'TransferComplaint';
  data: { complaintId: string; to: string; reason: string };
};
export type ResolveComplaint = { type: 'ResolveComplaint'; data: { complaintId: string; resolution: string } };
export type ReopenComplaint = { type: 'ReopenComplaint'; data: { complaintId: string; reason: string } };
/** `satisfaction`: the customer's verdict on the handling, 1 to 5, when asked. */
export type CloseComplaint = { type: 'CloseComplaint'; data: { complaintId: string; satisfaction?: number } };

/**
 * Business time is the decision's `occurredAt`: it starts the SLA clock at the filing and
 * restarts it at a reopening, and no step may come before the filing or the step it follows.
 */
export type ComplaintCommand =
  | FileComplaint
  | AcknowledgeComplaint
  | EscalateComplaint
  | TransferComplaint
  | ResolveComplaint
  | ReopenComplaint
  | CloseComplaint;
