/**
 * The webhooks' tables (step 3 of the subscriptions' migrations). A webhook's `cursor` is how
 * far `$all` has been read into its pending deliveries; each pending delivery waits for its
 * next attempt, and only a stream's earliest is attempted (per-stream order). The log keeps
 * every attempt's outcome; dead letters are deliveries whose retries ran out. None of them
 * holds an event's body: it is read from the store when sent, so erased data goes out erased.
 */
export const webhookSchema = `
create table crm_webhooks (
  id uuid primary key,
  url text not null,
  secret text not null,
  types text[],
  stream_id text,
  from_position bigint not null,
  cursor bigint not null,
  disabled_at timestamptz,
  disabled_reason text,
  created_at timestamptz not null default now()
);
create table crm_webhook_pending (
  webhook_id uuid not null references crm_webhooks (id) on delete cascade,
  position bigint not null,
  event_id uuid not null,
  stream_id text not null,
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  primary key (webhook_id, position)
);
create index crm_webhook_pending_stream on crm_webhook_pending (webhook_id, stream_id, position);
create table crm_webhook_deliveries (
  id bigint generated always as identity primary key,
  webhook_id uuid not null references crm_webhooks (id) on delete cascade,
  position bigint not null,
  event_id uuid not null,
  stream_id text not null,
  attempt integer not null,
  outcome text not null,
  status integer,
  error text,
  response text,
  duration_ms integer not null,
  attempted_at timestamptz not null default now(),
  next_attempt_at timestamptz
);
create index crm_webhook_deliveries_log on crm_webhook_deliveries (webhook_id, id);
create index crm_webhook_deliveries_age on crm_webhook_deliveries (attempted_at);
create table crm_webhook_dead_letters (
  webhook_id uuid not null references crm_webhooks (id) on delete cascade,
  position bigint not null,
  event_id uuid not null,
  stream_id text not null,
  attempts integer not null,
  last_error text not null,
  dead_at timestamptz not null default now(),
  primary key (webhook_id, position)
);`;
