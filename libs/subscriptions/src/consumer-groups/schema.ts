/**
 * Consumer groups (step 2 of the subscriptions' migrations). A group's `cursor` is how far
 * `$all` has been taken into its pending events; a pending event is leased to one member
 * until acked (deleted) or its lease runs out. The group's checkpoint is the position
 * before its first pending event (or its cursor when none is pending).
 */
export const consumerGroupSchema = `
create table crm_consumer_groups (
  name text primary key,
  types text[],
  stream_id text,
  from_position bigint not null,
  cursor bigint not null,
  lease_ms integer not null,
  created_at timestamptz not null default now()
);
create table crm_consumer_group_pending (
  group_name text not null references crm_consumer_groups (name) on delete cascade,
  position bigint not null,
  event_id uuid not null,
  stream_id text not null,
  member text,
  leased_until timestamptz,
  deliveries integer not null default 0,
  primary key (group_name, position)
);
create index crm_consumer_group_pending_stream on crm_consumer_group_pending (group_name, stream_id, position);
create index crm_consumer_group_pending_member on crm_consumer_group_pending (group_name, member) where member is not null;
create table crm_consumer_group_members (
  group_name text not null references crm_consumer_groups (name) on delete cascade,
  member text not null,
  last_poll_at timestamptz not null,
  primary key (group_name, member)
);`;
