-- Outbound webhooks (docs/decisions/0060, 0061): an account's subscriptions to incident events,
-- and the outbox of deliveries that the timeline's listener writes in the same transaction as the
-- timeline entry. A Temporal workflow per subscription and lane (an incident, or a test ping)
-- delivers a lane's rows in order.
create table webhook_subscriptions (
    id                    bigint generated always as identity primary key,
    account_id            bigint      not null references accounts (id) on delete cascade,
    -- null: every service of the account
    service_id            bigint      references services (id) on delete cascade,
    url                   text        not null,
    description           text        not null default '',
    -- PagerDuty v3 event types; empty: all of them
    events                text[]      not null default '{}',
    enabled               boolean     not null default true,
    -- The signing secret, sealed by SecretBox (AES-GCM under VIGIL_SECRETS_KEY); shown once.
    secret_sealed         text        not null,
    -- After a rotation the old secret also signs until previous_secret_until.
    previous_secret_sealed text,
    previous_secret_until timestamptz,
    created_at            timestamptz not null default now()
);
create index webhook_subscriptions_account on webhook_subscriptions (account_id, id);

create table webhook_deliveries (
    id              bigint generated always as identity primary key,
    account_id      bigint      not null references accounts (id) on delete cascade,
    subscription_id bigint      not null references webhook_subscriptions (id) on delete cascade,
    -- The receiver's dedupe key: the same for every attempt of this delivery.
    event_id        uuid        not null default gen_random_uuid() unique,
    event_type      text        not null,
    -- 'incident-<id>' or 'ping-<delivery>': a lane's rows are delivered in order, one at a time.
    lane            text        not null,
    incident_id     bigint      references incidents (id) on delete cascade,
    -- The timeline entry's number: a retried activity writes the same entry again, and no second row.
    seq             integer,
    body            text        not null,
    status          text        not null default 'pending'
                                check (status in ('pending', 'delivered', 'failed')),
    attempts        integer     not null default 0,
    last_error      text,
    last_status     integer,
    created_at      timestamptz not null default now(),
    last_attempt_at timestamptz,
    delivered_at    timestamptz,
    unique (subscription_id, incident_id, seq)
);
create index webhook_deliveries_lane on webhook_deliveries (subscription_id, lane, status, seq, id);
create index webhook_deliveries_recent on webhook_deliveries (subscription_id, id desc);
create index webhook_deliveries_pending on webhook_deliveries (created_at) where status = 'pending';
