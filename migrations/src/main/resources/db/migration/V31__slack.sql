-- Slack (docs/decisions/0062): an account's Slack app, the channel each service posts to, the
-- message each incident has there, the Slack users matched to Vigil users, and an outbox of
-- timeline entries still to show in Slack.
create table slack_connections (
    account_id           bigint      primary key references accounts (id) on delete cascade,
    -- The workspace (T...): interactions name it, so it finds the account whose secret signs them.
    team_id              text        not null unique,
    -- Sealed with the secrets box (VIGIL_SECRETS_KEY); never returned by the API.
    bot_token_sealed     text        not null,
    signing_secret_sealed text       not null,
    updated_at           timestamptz not null default now(),
    -- The last delivery Slack refused (channel_not_found, invalid_auth, ...), for the admin.
    last_error           text,
    last_error_at        timestamptz
);

create table slack_service_channels (
    service_id bigint      primary key references services (id) on delete cascade,
    account_id bigint      not null references accounts (id) on delete cascade,
    channel_id text        not null,
    updated_at timestamptz not null default now()
);

-- The one message an incident has in Slack; later changes update it.
create table slack_messages (
    incident_id bigint      primary key references incidents (id) on delete cascade,
    account_id  bigint      not null references accounts (id) on delete cascade,
    channel_id  text        not null,
    ts          text        not null,
    posted_at   timestamptz not null default now()
);

create table slack_user_links (
    account_id    bigint      not null references accounts (id) on delete cascade,
    slack_user_id text        not null,
    user_id       bigint      not null references users (id) on delete cascade,
    linked_at     timestamptz not null default now(),
    primary key (account_id, slack_user_id)
);

-- Written in the transaction of the timeline entry it follows; a workflow per incident
-- (slack-<incident id>) delivers it in order.
create table slack_outbox (
    id           bigint generated always as identity primary key,
    account_id   bigint      not null references accounts (id) on delete cascade,
    incident_id  bigint      not null references incidents (id) on delete cascade,
    -- The timeline entry's number; null for entries no workflow numbered.
    seq          integer,
    kind         text        not null,
    message      text        not null,
    -- Who made the entry ("Alice Smith via Slack"), when someone did.
    by_name      text,
    created_at   timestamptz not null default now(),
    delivered_at timestamptz,
    failed_at    timestamptz,
    error        text,
    unique (incident_id, seq)
);
create index slack_outbox_pending on slack_outbox (created_at) where delivered_at is null and failed_at is null;
create index slack_outbox_incident on slack_outbox (incident_id, id);
