/**
 * The NATS publisher's checkpoint (step 4 of the subscriptions' migrations): per JetStream
 * stream, the position up to which every event of `$all` is acked by that stream.
 */
export const natsSchema = `
create table crm_nats_publisher (
  stream text primary key,
  position bigint not null,
  updated_at timestamptz not null default now()
);`;
