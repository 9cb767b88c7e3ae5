import { Leases } from '@crm/event-store';

/** Which process does each background delivery: the webhooks' dispatcher, the NATS publisher. */
export const subscriptionLeases = new Leases('crm_subscription_leases');
