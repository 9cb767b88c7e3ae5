import { CustomerErasedError, type RegisteredCustomerView } from '@crm/domain';
import { CustomerNotFound } from './customer-not-found';
import type { CustomerStateCache } from './customer-state-cache';

export interface CustomerStateRequest {
  customerId: string;
  /** Business time (ISO instant): the events that had happened by then. */
  asOf: string;
  /** Recording time (ISO instant): of those, the ones the system had recorded by then. */
  knownAt: string;
  /** Of those, the ones up to this stream version; every version when left out. */
  version?: number;
}

/** The auditors' state (DESIGN.md §8): the customer view as it stood at a moment, as the system knew it then. */
export interface CustomerStateAsOf {
  customerId: string;
  /** The highest stream version among the folded events (at most the version asked for). */
  streamVersion: number;
  /** That event's position in `$all`. */
  position: number;
  asOf: string;
  knownAt: string;
  /** The customer was erased since: the personal fields read null. */
  personalDataErased: boolean;
  state: RegisteredCustomerView;
}

/** A customer whose stream exists but whose registration is not among the events a cut folds (404). */
export class CustomerNotYetRegistered extends CustomerNotFound {
  constructor(customerId: string, { asOf, knownAt, version }: Omit<CustomerStateRequest, 'customerId'>) {
    super(customerId);
    this.name = 'CustomerNotYetRegistered';
    const upTo = version === undefined ? '' : ` up to stream version ${version}`;
    this.message = `Customer ${customerId} was not yet registered as of ${asOf} as known at ${knownAt}${upTo}.`;
  }
}

/**
 * The customer as of any business time and knowledge time, folded from its stream: what an
 * auditor asks. The stream is kept in memory, brought up to date on every call (`CustomerStateCache`).
 */
export class CustomerStateReads {
  constructor(private readonly streams: CustomerStateCache) {}

  async state({ customerId, asOf, knownAt, version }: CustomerStateRequest): Promise<CustomerStateAsOf> {
    const history = await this.streams.history(customerId);
    const { view, streamVersion, position, erasureFolded, personalDataErased } = history.within({
      asOf: Date.parse(asOf),
      knownAt: Date.parse(knownAt),
      toVersion: version ?? Infinity,
    });
    // The folded erasure is 410 even where it falls before the registration in business time, so that the view never saw it.
    if (erasureFolded || view?.status === 'erased') throw new CustomerErasedError(customerId);
    if (view === null) {
      const exists = history.version >= 0;
      throw exists ? new CustomerNotYetRegistered(customerId, { asOf, knownAt, version }) : new CustomerNotFound(customerId);
    }
    return { customerId, streamVersion, position, asOf, knownAt, personalDataErased, state: view };
  }
}
