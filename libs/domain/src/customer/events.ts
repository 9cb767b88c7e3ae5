import type { ProfileCard, Registration } from './commands';

export type CustomerRegistered = { type: 'CustomerRegistered'; data: Registration };
export type ProfileCardUpdated = { type: 'ProfileCardUpdated'; data: ProfileCard };
export type AccountManagerAssigned = { type: 'AccountManagerAssigned'; data: { managerId: string } };
export type CustomerQualified = {
  type: 'CustomerQualified';
  /** `requalified`: the customer had been disqualified before. */
  data: { requalified: boolean; reason?: string };
};
export type CustomerDisqualified = { type: 'CustomerDisqualified'; data: { reason: string } };

export type CustomerCardEvent =
  | CustomerRegistered
  | ProfileCardUpdated
  | AccountManagerAssigned
  | CustomerQualified
  | CustomerDisqualified;
