-- Heartbeat monitors (docs/decisions/0057): a service expects a ping at least once per interval;
-- a missed interval opens an incident on the service and the next ping resolves it. A durable
-- Temporal workflow per monitor (heartbeat-<id>) keeps the time; this row holds the monitor's
-- settings and what it last saw.
create table heartbeat_monitors (
    id               bigint generated always as identity primary key,
    account_id       bigint      not null references accounts (id) on delete cascade,
    service_id       bigint      not null references services (id) on delete cascade,
    name             text        not null,
    interval_seconds integer     not null check (interval_seconds > 0),
    -- SHA-256 (hex) of the secret in the ping URL; the secret itself is shown once.
    token_hash       text        not null unique,
    -- waiting: never pinged (the clock starts at the first ping); up; down: an interval was missed.
    status           text        not null default 'waiting' check (status in ('waiting', 'up', 'down')),
    last_ping_at     timestamptz,
    created_at       timestamptz not null default now(),
    unique (account_id, service_id, name)
);
create index heartbeat_monitors_service on heartbeat_monitors (account_id, service_id);
