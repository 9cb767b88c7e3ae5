import type { CustomerCommand } from '@crm/domain';
import type { DemoRequest } from '@crm/demo';

/**
 * A demo request (`POST /v1/customers/:id<path>` and its body) as the command the API's
 * controllers build from it: the body without `occurredAt` (business time travels in the
 * metadata), plus the ids the path names. Mirrors apps/api's controllers, where this mapping
 * lives; a path they do not know fails here, so that a reshaped dataset cannot load wrong.
 */
const routes: [pattern: RegExp, type: CustomerCommand['type'], params: string[]][] = [
  [/^$/, 'RegisterCustomer', []],
  [/^\/profile$/, 'UpdateProfileCard', []],
  [/^\/account-manager$/, 'AssignAccountManager', []],
  [/^\/qualification$/, 'QualifyCustomer', []],
  [/^\/disqualification$/, 'DisqualifyCustomer', []],
  [/^\/tier-override$/, 'OverrideTier', []],
  [/^\/credit-rating$/, 'RateCredit', []],
  [/^\/star-rating$/, 'RateStars', []],
  [/^\/partnership$/, 'EstablishPartnership', []],
  [/^\/churn$/, 'RecordChurn', []],
  [/^\/erasure$/, 'EraseCustomer', []],
  [/^\/contacts$/, 'AddContact', []],
  [/^\/contacts\/([^/]+)$/, 'UpdateContact', ['contactId']],
  [/^\/contacts\/([^/]+)\/removal$/, 'RemoveContact', ['contactId']],
  [/^\/relationship-level$/, 'ChangeRelationshipLevel', []],
  [/^\/interactions$/, 'RecordInteraction', []],
  [/^\/visits$/, 'PlanVisit', []],
  [/^\/surveys$/, 'RecordSurveyAnswer', []],
  [/^\/complaints$/, 'FileComplaint', []],
  [/^\/complaints\/([^/]+)\/escalate$/, 'EscalateComplaint', ['complaintId']],
  [/^\/complaints\/([^/]+)\/transfer$/, 'TransferComplaint', ['complaintId']],
  [/^\/complaints\/([^/]+)\/resolve$/, 'ResolveComplaint', ['complaintId']],
  [/^\/complaints\/([^/]+)\/reopen$/, 'ReopenComplaint', ['complaintId']],
  [/^\/complaints\/([^/]+)\/close$/, 'CloseComplaint', ['complaintId']],
  [/^\/purchases$/, 'RecordPurchase', []],
  [/^\/purchases\/([^/]+)\/refunds$/, 'RefundPurchase', ['orderId']],
  [/^\/referrals$/, 'RecordReferral', []],
  [/^\/competitor-contacts$/, 'RecordCompetitorContact', []],
  [/^\/compliance-violations$/, 'RecordComplianceViolation', []],
];

export function commandOf(customerId: string, request: DemoRequest): CustomerCommand {
  // Acknowledging takes nothing from its body (the controller passes only the complaint id).
  const acknowledged = /^\/complaints\/([^/]+)\/acknowledge$/.exec(request.path);
  if (acknowledged) return { type: 'AcknowledgeComplaint', data: { complaintId: decodeURIComponent(acknowledged[1]) } } as CustomerCommand;
  for (const [pattern, type, params] of routes) {
    const match = pattern.exec(request.path);
    if (!match) continue;
    const { occurredAt: _, ...data } = request.body;
    params.forEach((param, i) => (data[param] = decodeURIComponent(match[i + 1])));
    if (type === 'RegisterCustomer') data.customerId = customerId;
    return { type, data } as CustomerCommand;
  }
  throw new Error(`The bench knows no command for POST /v1/customers/:id${request.path}; add it to bench/demo-commands.ts`);
}

/** The request's business time as the API stores it (its `occurredAt`, normalised). */
export const occurredAtOf = (request: DemoRequest): string => new Date(String(request.body.occurredAt)).toISOString();
