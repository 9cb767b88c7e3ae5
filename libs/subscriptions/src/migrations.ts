import { leaseTable, type Migrations } from '@crm/event-store';
import { consumerGroupSchema } from './consumer-groups/schema';
import { natsSchema } from './nats/schema';
import { webhookSchema } from './webhooks/schema';

/**
 * The subscriptions' own tables: who does which background delivery (leases), consumer
 * groups, webhooks, and the NATS publisher's checkpoint. Steps are only ever appended.
 */
export const subscriptionMigrations: Migrations = {
  table: 'crm_subscription_migrations',
  lock: 7262005,
  steps: [leaseTable('crm_subscription_leases'), consumerGroupSchema, webhookSchema, natsSchema],
};
