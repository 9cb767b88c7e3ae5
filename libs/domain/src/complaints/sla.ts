import { toInstant } from '../shared/validation';
import { complaintSeverities, type ComplaintSeverity } from './commands';

/** Hours from filing (or reopening) until a complaint of each severity is due. */
export type ComplaintSlaHours = Readonly<Record<ComplaintSeverity, number>>;

export const defaultComplaintSlaHours: ComplaintSlaHours = { critical: 4, high: 24, medium: 72, low: 168 };

/** The defaults with some severities overridden; a misconfiguration fails at start-up, not on a command. */
export function complaintSlaPolicy(overrides: Partial<ComplaintSlaHours> = {}): ComplaintSlaHours {
  const policy = { ...defaultComplaintSlaHours, ...overrides };
  for (const severity of complaintSeverities) {
    const hours = policy[severity];
    if (!Number.isFinite(hours) || hours <= 0) {
      throw new RangeError(`The SLA for ${severity} complaints must be a positive number of hours, not ${hours}.`);
    }
  }
  return policy;
}

export function dueAfter(startMs: number, severity: ComplaintSeverity, policy: ComplaintSlaHours): string {
  return toInstant(startMs + policy[severity] * 3_600_000);
}
