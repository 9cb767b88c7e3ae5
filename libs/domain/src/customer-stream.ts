/** All events of one customer live in one stream; these are its commands, events and folded state. */
import type { ComplaintsState } from './complaints/complaints';
import type { ComplaintCommand } from './complaints/commands';
import type { ComplaintEvent } from './complaints/events';
import type { ContactsState } from './contacts/contacts';
import type { ContactCommand } from './contacts/commands';
import type { ContactEvent } from './contacts/events';
import type { AccountState } from './customer/account';
import type { AccountCommand, RegisterCustomer } from './customer/commands';
import type { AccountEvent } from './customer/events';
import type { InteractionCommand } from './interactions/commands';
import type { InteractionEvent } from './interactions/events';
import type { MarketCommand } from './market/commands';
import type { MarketEvent } from './market/events';
import type { ReferralsState } from './market/market';
import type { PurchaseCommand } from './purchases/commands';
import type { PurchaseEvent } from './purchases/events';
import type { OrdersState } from './purchases/purchases';

export type CustomerCommand =
  | RegisterCustomer
  | AccountCommand
  | ContactCommand
  | InteractionCommand
  | ComplaintCommand
  | PurchaseCommand
  | MarketCommand;

export type CustomerEvent =
  | AccountEvent
  | ContactEvent
  | InteractionEvent
  | ComplaintEvent
  | PurchaseEvent
  | MarketEvent;

export interface UnregisteredCustomer {
  readonly status: 'unregistered';
}

/** Nothing of an erased customer is kept but its id. */
export interface ErasedCustomer {
  readonly status: 'erased';
  readonly customerId: string;
}

/** Only what the rules need; histories belong to the read models. */
export interface RegisteredCustomer {
  readonly status: 'registered';
  readonly customerId: string;
  readonly account: AccountState;
  readonly contacts: ContactsState;
  readonly complaints: ComplaintsState;
  readonly orders: OrdersState;
  readonly referrals: ReferralsState;
}

export type CustomerState = UnregisteredCustomer | RegisteredCustomer | ErasedCustomer;
