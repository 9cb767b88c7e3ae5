import type { CustomerEvent, RegisteredCustomer, UnregisteredCustomer } from '../customer-stream';
import type { Tier, TierOverrideReason } from '../ratings/commands';
import { commandTypes } from '../shared/decider';
import { BusinessRuleViolation, DuplicateConflict } from '../shared/errors';
import { fingerprint, optional } from '../shared/json';
import { requireDate, requireOneOf, requireText } from '../shared/validation';
import { type CustomerCardCommand, customerKinds, ownerships, type ProfileCard, type RegisterCustomer } from './commands';
import type { CustomerCardEvent, CustomerRegistered } from './events';

/**
 * One account state for the card, ratings, partnership and churn, whose rules read each other's
 * facts: a partner cannot be disqualified, only a qualified customer becomes one, a churn ends it.
 */
export interface AccountState {
  /** Fingerprint of the registration, to tell a retry from a second, different registration. */
  readonly registration: string;
  readonly qualification: 'unqualified' | 'qualified' | 'disqualified';
  readonly partner: boolean;
  /** Cleared by the next purchase: a purchase wins a churned customer back. */
  readonly churned: boolean;
  readonly accountManagerId: string | null;
  readonly tierOverride: { readonly tier: Tier; readonly reason: TierOverrideReason } | null;
}

export const isCustomerCardCommand = commandTypes<CustomerCardCommand>({
  UpdateProfileCard: true,
  AssignAccountManager: true,
  QualifyCustomer: true,
  DisqualifyCustomer: true,
});

export function decideRegistration(
  command: RegisterCustomer,
  state: UnregisteredCustomer | RegisteredCustomer,
): CustomerRegistered[] {
  const registered = customerRegistered(command.data);
  if (state.status === 'unregistered') return [registered];
  if (state.account.registration === fingerprint(registered.data)) return [];
  throw new DuplicateConflict('customer', command.data.customerId);
}

function customerRegistered(data: RegisterCustomer['data']): CustomerRegistered {
  requireText(data.customerId, 'customerId');
  requireOneOf(customerKinds, data.kind, 'kind');
  requireText(data.name, 'name');
  if (data.ownership !== undefined) {
    requireOneOf(ownerships, data.ownership, 'ownership');
    if (data.kind !== 'organization') {
      throw new BusinessRuleViolation(
        'customer.ownership_requires_organization',
        'Ownership (state, foreign, private) describes organizations, not persons.',
        'ownership',
      );
    }
  }
  return {
    type: 'CustomerRegistered',
    data: {
      customerId: data.customerId,
      kind: data.kind,
      name: data.name,
      ...optional('industry', data.industry),
      ...optional('ownership', data.ownership),
      ...optional('region', data.region),
      ...optional('source', data.source),
    },
  };
}

export function initialAccount(event: CustomerRegistered): AccountState {
  return {
    registration: fingerprint(event.data),
    qualification: 'unqualified',
    partner: false,
    churned: false,
    accountManagerId: null,
    tierOverride: null,
  };
}

export function decideCustomerCard(command: CustomerCardCommand, state: RegisteredCustomer): CustomerCardEvent[] {
  const { account } = state;
  switch (command.type) {
    case 'UpdateProfileCard':
      return [{ type: 'ProfileCardUpdated', data: profileCard(command.data) }];
    case 'AssignAccountManager': {
      const { managerId } = command.data;
      requireText(managerId, 'managerId');
      return managerId === account.accountManagerId ? [] : [{ type: 'AccountManagerAssigned', data: { managerId } }];
    }
    case 'QualifyCustomer':
      return [{ type: 'CustomerQualified', data: qualification(account, command.data.reason) }];
    case 'DisqualifyCustomer': {
      const { reason } = command.data;
      if (account.qualification === 'disqualified') {
        throw new BusinessRuleViolation(
          'disqualification.already_disqualified',
          'The customer is disqualified already.',
        );
      }
      if (account.partner) {
        throw new BusinessRuleViolation(
          'disqualification.active_partner',
          'A partner cannot be disqualified; record its churn first, which ends the partnership.',
        );
      }
      requireText(reason, 'reason');
      return [{ type: 'CustomerDisqualified', data: { reason } }];
    }
  }
}

function profileCard(card: ProfileCard): ProfileCard {
  if (typeof card.birthday === 'string') requireDate(card.birthday, 'birthday');
  card.family?.forEach((member, i) => {
    requireText(member.relation, `family[${i}].relation`);
    requireText(member.name, `family[${i}].name`);
    if (member.birthday !== undefined) requireDate(member.birthday, `family[${i}].birthday`);
  });
  card.anniversaries?.forEach((anniversary, i) => {
    requireText(anniversary.label, `anniversaries[${i}].label`);
    requireDate(anniversary.date, `anniversaries[${i}].date`);
  });
  const details = card.contactDetails;
  const update: ProfileCard = {
    ...optional('birthday', card.birthday),
    ...optional('hobbies', card.hobbies),
    ...optional(
      'family',
      card.family?.map(({ relation, name, birthday }) => ({ relation, name, ...optional('birthday', birthday) })),
    ),
    ...optional('socialGroups', card.socialGroups),
    ...optional('preferences', card.preferences),
    ...optional(
      'anniversaries',
      card.anniversaries?.map(({ label, date }) => ({ label, date })),
    ),
    ...optional(
      'contactDetails',
      details && {
        ...optional('phone', details.phone),
        ...optional('mobile', details.mobile),
        ...optional('email', details.email),
        ...optional('wechat', details.wechat),
        ...optional('address', details.address),
      },
    ),
  };
  if (Object.keys(update).length === 0) {
    throw new BusinessRuleViolation(
      'profile_card.empty_update',
      'A profile card update must change at least one field.',
    );
  }
  return update;
}

function qualification(account: AccountState, reason: string | undefined) {
  if (account.qualification === 'qualified') {
    throw new BusinessRuleViolation('qualification.already_qualified', 'The customer is qualified already.');
  }
  const requalified = account.qualification === 'disqualified';
  if (requalified && (reason === undefined || reason.trim() === '')) {
    throw new BusinessRuleViolation(
      'qualification.requalification_reason_required',
      'A disqualified customer is requalified only with a reason saying what changed.',
      'reason',
    );
  }
  if (reason !== undefined) requireText(reason, 'reason');
  return { requalified, ...optional('reason', reason) };
}

export function evolveAccount(account: AccountState, event: CustomerEvent): AccountState {
  switch (event.type) {
    case 'AccountManagerAssigned':
      return { ...account, accountManagerId: event.data.managerId };
    case 'CustomerQualified':
      return { ...account, qualification: 'qualified' };
    case 'CustomerDisqualified':
      return { ...account, qualification: 'disqualified' };
    case 'TierOverridden':
      return { ...account, tierOverride: { tier: event.data.tier, reason: event.data.reason } };
    case 'PartnershipEstablished':
      return { ...account, partner: true };
    case 'CustomerChurned':
      return { ...account, churned: true, partner: false };
    case 'PurchaseRecorded':
      return account.churned ? { ...account, churned: false } : account;
    default:
      return account;
  }
}
