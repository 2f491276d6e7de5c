-- Accounts (tenants) and the on-call configuration an incident is paged through.
-- Every table carries account_id so every query can be scoped to the caller's account.

create table accounts (
    id                   bigint generated always as identity primary key,
    name                 text        not null,
    -- ISO 3166-1 alpha-2: notifications to other countries are rated as international.
    home_country         char(2)     not null default 'US',
    time_zone            text        not null default 'UTC',
    -- Incident numbers are per account (#1, #2, ...), handed out under a row lock.
    next_incident_number bigint      not null default 1,
    created_at           timestamptz not null default now()
);

create table api_tokens (
    id           bigint generated always as identity primary key,
    account_id   bigint      not null references accounts (id) on delete cascade,
    name         text        not null,
    -- SHA-256 (hex) of the token. Tokens are 256-bit random values, so a fast hash is enough;
    -- the token itself is never stored.
    token_hash   char(64)    not null unique,
    created_at   timestamptz not null default now(),
    last_used_at timestamptz
);

create table users (
    id         bigint generated always as identity primary key,
    account_id bigint      not null references accounts (id) on delete cascade,
    name       text        not null,
    email      text        not null,
    role       text        not null default 'responder'
        check (role in ('admin', 'responder', 'support', 'accountant')),
    time_zone  text        not null default 'UTC',
    created_at timestamptz not null default now(),
    unique (account_id, email)
);
create index users_account on users (account_id);

create table contact_methods (
    id         bigint generated always as identity primary key,
    account_id bigint      not null references accounts (id) on delete cascade,
    user_id    bigint      not null references users (id) on delete cascade,
    -- 'phone' carries an E.164 number (SMS and voice), 'email' an address.
    kind       text        not null check (kind in ('phone', 'email')),
    address    text        not null,
    label      text        not null default '',
    created_at timestamptz not null default now(),
    unique (user_id, kind, address)
);

create table escalation_policies (
    id           bigint generated always as identity primary key,
    account_id   bigint      not null references accounts (id) on delete cascade,
    name         text        not null,
    -- How many times the whole policy runs again after its last level (0-9).
    repeat_count int         not null default 0 check (repeat_count between 0 and 9),
    created_at   timestamptz not null default now()
);

create table escalation_levels (
    id            bigint generated always as identity primary key,
    account_id    bigint not null references accounts (id) on delete cascade,
    policy_id     bigint not null references escalation_policies (id) on delete cascade,
    position      int    not null check (position >= 1),
    -- Seconds, not minutes: the API speaks minutes, tests need short delays.
    delay_seconds int    not null check (delay_seconds >= 0),
    unique (policy_id, position)
);

create table escalation_targets (
    id         bigint generated always as identity primary key,
    account_id bigint not null references accounts (id) on delete cascade,
    level_id   bigint not null references escalation_levels (id) on delete cascade,
    user_id    bigint not null references users (id),
    unique (level_id, user_id)
);

create table services (
    id                   bigint generated always as identity primary key,
    account_id           bigint      not null references accounts (id) on delete cascade,
    name                 text        not null,
    description          text        not null default '',
    escalation_policy_id bigint      not null references escalation_policies (id),
    urgency_rule         text        not null default 'high'
        check (urgency_rule in ('high', 'low', 'severity')),
    created_at           timestamptz not null default now()
);

create table integration_keys (
    id          bigint generated always as identity primary key,
    account_id  bigint      not null references accounts (id) on delete cascade,
    service_id  bigint      not null references services (id) on delete cascade,
    -- PagerDuty-compatible routing key: exactly 32 characters.
    routing_key text        not null unique check (length(routing_key) = 32),
    created_at  timestamptz not null default now(),
    retired_at  timestamptz
);
