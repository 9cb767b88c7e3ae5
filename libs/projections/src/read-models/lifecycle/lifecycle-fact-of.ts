import type { CustomerEvent, RelationshipLevel } from '@crm/domain';
import type { RecordedEvent } from '@crm/event-store';
import type { LifecycleFact } from './lifecycle-facts';

type Kind = LifecycleFact['kind'];

/** The lifecycle fact an event is, if any; every type is answered for, so a new one is classified where the compiler points. */
const kinds: { readonly [T in CustomerEvent['type']]: Kind | null } = {
  CustomerRegistered: 'registered',
  ProfileCardUpdated: null,
  AccountManagerAssigned: null,
  CustomerQualified: 'qualified',
  CustomerDisqualified: 'disqualified',
  TierOverridden: null,
  CreditRated: null,
  StarRated: null,
  PartnershipEstablished: 'partnership',
  CustomerChurned: 'churned',
  CustomerErased: 'erased',
  ContactAdded: null,
  ContactUpdated: null,
  ContactRemoved: 'contact-removed',
  // The contact stays in the org chart, without personal data: their relationship level still counts.
  ContactErased: null,
  RelationshipLevelChanged: 'relationship-level',
  InteractionRecorded: null,
  VisitPlanned: null,
  SurveyAnswered: 'survey',
  ComplaintFiled: null,
  ComplaintAcknowledged: null,
  ComplaintEscalated: null,
  ComplaintTransferred: null,
  ComplaintResolved: null,
  ComplaintReopened: null,
  ComplaintClosed: null,
  PurchaseRecorded: 'purchase',
  PurchaseRefunded: null,
  ReferralMade: 'referral',
  CompetitorContactObserved: null,
  ComplianceViolationRecorded: null,
};

export const lifecycleEventTypes = Object.entries(kinds)
  .filter(([, kind]) => kind !== null)
  .map(([type]) => type);

/** A stored lifecycle fact: the row `lifecycle_facts` keeps of an event. */
export interface LifecycleFactRow {
  stream_version: number;
  kind: Kind;
  at: string;
  level: RelationshipLevel | null;
  contact_id: string | null;
  nps: number | null;
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

export function lifecycleFactRow(event: RecordedEvent): LifecycleFactRow | undefined {
  const kind = Object.hasOwn(kinds, event.type) ? kinds[event.type as CustomerEvent['type']] : null;
  if (kind === null) return undefined;
  const { data } = event;
  return {
    stream_version: event.streamVersion,
    kind,
    at: event.metadata.occurredAt,
    level: kind === 'relationship-level' ? (text(data.level) as RelationshipLevel | null) : null,
    contact_id: kind === 'relationship-level' || kind === 'contact-removed' ? text(data.contactId) : null,
    nps: kind === 'survey' && typeof data.nps === 'number' ? data.nps : null,
  };
}

export function toLifecycleFact(row: LifecycleFactRow & { at_ms: number }): LifecycleFact {
  const timed = { at: Number(row.at_ms), version: Number(row.stream_version) };
  switch (row.kind) {
    case 'relationship-level':
      return { ...timed, kind: row.kind, level: row.level ?? 'stranger', contactId: row.contact_id };
    case 'contact-removed':
      return { ...timed, kind: row.kind, contactId: row.contact_id ?? '' };
    case 'survey':
      return { ...timed, kind: row.kind, nps: row.nps };
    default:
      return { ...timed, kind: row.kind };
  }
}
