-- The on-call model: teams, notification rules, schedules, and targets that are schedules.

create table teams (
    id          bigint generated always as identity primary key,
    account_id  bigint      not null references accounts (id) on delete cascade,
    name        text        not null,
    description text        not null default '',
    created_at  timestamptz not null default now(),
    unique (account_id, name)
);

create table team_members (
    account_id bigint not null references accounts (id) on delete cascade,
    team_id    bigint not null references teams (id) on delete cascade,
    user_id    bigint not null references users (id),
    primary key (team_id, user_id)
);

-- "SMS at once, call after 2 minutes, email after 5", per urgency. A contact method in use by a
-- rule cannot be deleted (the API answers 409 naming the rules).
create table notification_rules (
    id                bigint generated always as identity primary key,
    account_id        bigint      not null references accounts (id) on delete cascade,
    user_id           bigint      not null references users (id) on delete cascade,
    urgency           text        not null check (urgency in ('high', 'low')),
    contact_method_id bigint      not null references contact_methods (id),
    channel           text        not null check (channel in ('sms', 'voice', 'email')),
    delay_minutes     int         not null check (delay_minutes between 0 and 1440),
    created_at        timestamptz not null default now(),
    unique (user_id, urgency, contact_method_id, channel, delay_minutes)
);
create index notification_rules_user on notification_rules (user_id, urgency);

alter table services
    add column team_id                      bigint references teams (id),
    -- An acknowledged incident returns to triggered after this long (null: never).
    add column ack_timeout_seconds          int check (ack_timeout_seconds > 0),
    -- A triggered incident with no new alerts resolves itself after this long (null: never).
    add column auto_resolve_timeout_seconds int check (auto_resolve_timeout_seconds > 0);

alter table escalation_policies
    add column team_id     bigint references teams (id),
    add column description text not null default '';

create table schedules (
    id          bigint generated always as identity primary key,
    account_id  bigint      not null references accounts (id) on delete cascade,
    name        text        not null,
    description text        not null default '',
    -- IANA zone: rotations, handoffs and restrictions are evaluated in it.
    time_zone   text        not null,
    team_id     bigint references teams (id),
    created_at  timestamptz not null default now()
);

create table schedule_layers (
    id              bigint generated always as identity primary key,
    account_id      bigint      not null references accounts (id) on delete cascade,
    schedule_id     bigint      not null references schedules (id) on delete cascade,
    -- 0 is the lowest layer; a higher layer wins where it has someone on call.
    position        int         not null check (position >= 0),
    name            text        not null,
    start_at        timestamptz not null,
    end_at          timestamptz,
    -- A local date-time in the schedule's zone: handoffs keep its time of day across DST.
    first_handoff   timestamp   not null,
    rotation_length int         not null check (rotation_length >= 1),
    rotation_unit   text        not null check (rotation_unit in ('hours', 'days', 'weeks')),
    unique (schedule_id, position)
);

create table schedule_layer_members (
    account_id bigint not null references accounts (id) on delete cascade,
    layer_id   bigint not null references schedule_layers (id) on delete cascade,
    position   int    not null check (position >= 0),
    user_id    bigint not null references users (id),
    primary key (layer_id, position)
);

create table schedule_layer_restrictions (
    id             bigint generated always as identity primary key,
    account_id     bigint not null references accounts (id) on delete cascade,
    layer_id       bigint not null references schedule_layers (id) on delete cascade,
    kind           text   not null check (kind in ('daily', 'weekly')),
    -- ISO day of week (1 = Monday) for weekly windows; null for daily ones.
    start_day      int check (start_day between 1 and 7),
    start_time     time   not null,
    length_seconds int    not null check (length_seconds > 0),
    check ((kind = 'weekly') = (start_day is not null))
);

create table schedule_overrides (
    id          bigint generated always as identity primary key,
    account_id  bigint      not null references accounts (id) on delete cascade,
    schedule_id bigint      not null references schedules (id) on delete cascade,
    user_id     bigint      not null references users (id),
    start_at    timestamptz not null,
    end_at      timestamptz not null,
    created_at  timestamptz not null default now(),
    check (end_at > start_at)
);
create index schedule_overrides_span on schedule_overrides (schedule_id, start_at, end_at);

-- A level targets users or schedules; a schedule target pages whoever is on call when it fires.
alter table escalation_targets
    alter column user_id drop not null,
    add column schedule_id bigint references schedules (id),
    add constraint escalation_targets_one_target check ((user_id is null) <> (schedule_id is null)),
    add constraint escalation_targets_unique_schedule unique (level_id, schedule_id);

-- iCalendar feeds: the secret in the feed's URL is stored hashed, like API tokens.
create table calendar_feeds (
    id          bigint generated always as identity primary key,
    account_id  bigint      not null references accounts (id) on delete cascade,
    user_id     bigint references users (id) on delete cascade,
    schedule_id bigint references schedules (id) on delete cascade,
    secret_hash char(64)    not null unique,
    created_at  timestamptz not null default now(),
    check ((user_id is null) <> (schedule_id is null))
);

-- Deleting a user keeps the notification log (it is billed usage) and unassigns them.
alter table notifications
    alter column user_id drop not null,
    drop constraint notifications_user_id_fkey,
    add constraint notifications_user_id_fkey foreign key (user_id) references users (id) on delete set null;
alter table incident_assignees
    drop constraint incident_assignees_user_id_fkey,
    add constraint incident_assignees_user_id_fkey foreign key (user_id) references users (id) on delete cascade;
alter table team_members
    drop constraint team_members_user_id_fkey,
    add constraint team_members_user_id_fkey foreign key (user_id) references users (id) on delete cascade;
