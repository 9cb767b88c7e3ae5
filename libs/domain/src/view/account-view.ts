import type { ChurnReason } from '../churn/commands';
import type { Anniversary, ContactDetails, FamilyMember, ProfileCard } from '../customer/commands';
import type { CustomerRegistered } from '../customer/events';
import type { AccountEvent } from '../customer-stream';
import type { CustomerErased } from '../erasure/events';
import type { CreditGrade, Tier, TierOverrideReason } from '../ratings/commands';
import type { RegisteredCustomerView } from './customer-view';
import { erasable, updated, updatedWith } from './updates';

/** The 客户资料卡 as last updated; a field never filled in is null. */
export interface ProfileCardView {
  readonly birthday: string | null;
  readonly hobbies: readonly string[] | null;
  readonly family: readonly FamilyMemberView[] | null;
  readonly socialGroups: readonly string[] | null;
  readonly preferences: readonly string[] | null;
  readonly anniversaries: readonly AnniversaryView[] | null;
  readonly contactDetails: ContactDetailsView | null;
  readonly updatedAt: string | null;
}

export interface FamilyMemberView {
  readonly relation: string;
  readonly name: string | null;
  readonly birthday: string | null;
}

export interface AnniversaryView {
  readonly label: string;
  readonly date: string;
}

export interface ContactDetailsView {
  readonly phone: string | null;
  readonly mobile: string | null;
  readonly email: string | null;
  readonly wechat: string | null;
  readonly address: string | null;
}

export interface AccountManagerView {
  readonly managerId: string | null;
  readonly since: string | null;
}

export interface QualificationView {
  /** Null until the customer is first qualified or disqualified. */
  readonly state: 'qualified' | 'disqualified' | null;
  readonly reason: string | null;
  readonly at: string | null;
}

export interface TierOverrideView {
  readonly tier: Tier;
  readonly reason: TierOverrideReason;
  readonly at: string;
}

export interface CreditRatingView {
  readonly grade: CreditGrade;
  readonly at: string;
}

export interface StarRatingView {
  readonly stars: number;
  readonly at: string;
}

export interface PartnershipView {
  readonly since: string;
  readonly agreementRef: string | null;
}

export interface ChurnView {
  readonly reason: ChurnReason;
  readonly competitor: string | null;
  readonly at: string;
}

export const blankProfileCard: ProfileCardView = {
  birthday: null,
  hobbies: null,
  family: null,
  socialGroups: null,
  preferences: null,
  anniversaries: null,
  contactDetails: null,
  updatedAt: null,
};

type AccountChange = Exclude<AccountEvent, CustomerRegistered | CustomerErased>;

export function evolveAccountView(
  view: RegisteredCustomerView,
  event: AccountChange,
  at: string,
): RegisteredCustomerView {
  switch (event.type) {
    case 'ProfileCardUpdated':
      return { ...view, profileCard: updatedProfileCard(view.profileCard, event.data, at) };
    case 'AccountManagerAssigned':
      return { ...view, accountManager: { managerId: event.data.managerId, since: at } };
    case 'CustomerQualified':
      return { ...view, qualification: { state: 'qualified', reason: event.data.reason ?? null, at } };
    case 'CustomerDisqualified':
      return { ...view, qualification: { state: 'disqualified', reason: event.data.reason, at } };
    case 'TierOverridden':
      return { ...view, tierOverride: { tier: event.data.tier, reason: event.data.reason, at } };
    case 'CreditRated':
      return { ...view, creditRating: { grade: event.data.grade, at } };
    case 'StarRated':
      return { ...view, starRating: { stars: event.data.stars, at } };
    case 'PartnershipEstablished':
      return { ...view, partnership: { since: at, agreementRef: event.data.agreementRef ?? null } };
    case 'CustomerChurned':
      // As in the decider, churn ends a partnership.
      return {
        ...view,
        partnership: null,
        churn: { reason: event.data.reason, competitor: event.data.competitor ?? null, at },
      };
  }
}

function updatedProfileCard(card: ProfileCardView, update: ProfileCard, at: string): ProfileCardView {
  return {
    birthday: updated(update.birthday, card.birthday),
    hobbies: updatedWith(update.hobbies, card.hobbies, copied),
    family: updatedWith(update.family, card.family, (family) => family.map(familyMemberView)),
    socialGroups: updatedWith(update.socialGroups, card.socialGroups, copied),
    preferences: updatedWith(update.preferences, card.preferences, copied),
    anniversaries: updatedWith(update.anniversaries, card.anniversaries, (dates) => dates.map(anniversaryView)),
    contactDetails: updatedWith(update.contactDetails, card.contactDetails, contactDetailsView),
    updatedAt: at,
  };
}

/** The view shares no array with the events it was folded from. */
function copied(list: readonly string[]): readonly string[] {
  return [...list];
}

function familyMemberView({ relation, name, birthday }: FamilyMember): FamilyMemberView {
  return { relation, name: erasable(name), birthday: birthday ?? null };
}

function anniversaryView({ label, date }: Anniversary): AnniversaryView {
  return { label, date };
}

function contactDetailsView(details: ContactDetails): ContactDetailsView {
  return {
    phone: details.phone ?? null,
    mobile: details.mobile ?? null,
    email: details.email ?? null,
    wechat: details.wechat ?? null,
    address: details.address ?? null,
  };
}
