-- Incidents and what happens to them. Temporal holds the truth of what is running; these
-- tables are its durable record, written by activities, read by the REST API and console.

create table incidents (
    id              bigint generated always as identity primary key,
    account_id      bigint      not null references accounts (id) on delete cascade,
    number          bigint      not null,
    service_id      bigint      not null references services (id),
    dedup_key       text        not null,
    title           text        not null,
    urgency         text        not null check (urgency in ('high', 'low')),
    status          text        not null check (status in ('triggered', 'acknowledged', 'resolved')),
    workflow_id     text        not null,
    run_id          text        not null,
    alert_count     int         not null default 0,
    created_at      timestamptz not null,
    acknowledged_at timestamptz,
    resolved_at     timestamptz,
    updated_at      timestamptz not null,
    unique (account_id, number),
    -- One incident per workflow run: opening an incident is idempotent under activity retries.
    unique (workflow_id, run_id)
);
-- The workflow id already makes this impossible; the database says it too.
create unique index incidents_one_open_per_dedup_key
    on incidents (service_id, dedup_key) where status <> 'resolved';
create index incidents_account_status on incidents (account_id, status, number desc);

create table alerts (
    id              bigint generated always as identity primary key,
    account_id      bigint      not null references accounts (id) on delete cascade,
    -- Null from the moment the Events API stored the event until its incident workflow claims it.
    incident_id     bigint      references incidents (id) on delete cascade,
    event_id        uuid        not null unique,
    summary         text        not null,
    source          text        not null,
    severity        text        not null check (severity in ('critical', 'error', 'warning', 'info')),
    component       text,
    "group"         text,
    class           text,
    custom_details  jsonb,
    client          text,
    client_url      text,
    images          jsonb,
    links           jsonb,
    event_timestamp timestamptz,
    received_at     timestamptz not null
);
create index alerts_incident on alerts (incident_id, id);

create table incident_log_entries (
    id          bigint generated always as identity primary key,
    account_id  bigint      not null references accounts (id) on delete cascade,
    incident_id bigint      not null references incidents (id) on delete cascade,
    -- Numbered by the workflow, so a retried activity cannot write an entry twice.
    seq         int         not null,
    at          timestamptz not null,
    kind        text        not null,
    message     text        not null,
    unique (incident_id, seq)
);

create table incident_assignees (
    account_id  bigint      not null references accounts (id) on delete cascade,
    incident_id bigint      not null references incidents (id) on delete cascade,
    user_id     bigint      not null references users (id),
    assigned_at timestamptz not null,
    primary key (incident_id, user_id)
);

-- One message to one contact method through one provider. This log is also the usage
-- that billing rates.
create table notifications (
    id                  bigint generated always as identity primary key,
    account_id          bigint      not null references accounts (id) on delete cascade,
    incident_id         bigint      not null references incidents (id) on delete cascade,
    user_id             bigint      not null references users (id),
    contact_method_id   bigint      references contact_methods (id) on delete set null,
    channel             text        not null check (channel in ('sms', 'voice', 'email')),
    provider            text        not null,
    destination         text        not null,
    destination_country char(2),
    -- Derived from the workflow step: written before the send, checked on retry.
    idempotency_key     text        not null unique,
    status              text        not null check (status in ('sending', 'sent', 'delivered', 'failed')),
    provider_message_id text,
    created_at          timestamptz not null default now(),
    sent_at             timestamptz
);
create index notifications_incident on notifications (incident_id, id);

-- The dev inbox provider's mailbox: what would have gone to a phone or an inbox.
create table dev_inbox_messages (
    id              bigint generated always as identity primary key,
    account_id      bigint      not null references accounts (id) on delete cascade,
    notification_id bigint      not null unique references notifications (id) on delete cascade,
    channel         text        not null,
    recipient       text        not null,
    subject         text,
    body            text        not null,
    incident_number bigint      not null,
    created_at      timestamptz not null default now()
);
