import { CustomerErasedError } from '@crm/domain';
import type { CustomerViews } from '../customer-streams';
import { CustomerNotFound } from './customer-not-found';

/**
 * The stream version of a customer a read may answer about: unknown is 404, erased is 410,
 * whatever a read model still holds.
 */
export async function knownCustomerVersion(views: CustomerViews, customerId: string): Promise<number> {
  const { version, state } = await views.load(customerId, true);
  if (!state) throw new CustomerNotFound(customerId);
  if (state.status === 'erased') throw new CustomerErasedError(customerId);
  return version;
}
