-- Responder context, alert grouping and maintenance windows (docs/decisions/0040, 0041).

-- Each alert's own dedup key: with grouping, the alerts of one incident have different ones.
-- Null for alerts stored before this change: theirs is their incident's.
alter table alerts add column dedup_key text;

-- How a service groups alerts into incidents, as PagerDuty offers:
--   none     only alerts with the incident's dedup key join it (the behaviour before this change);
--   time     alerts within alert_grouping_window_seconds of the group's first alert join its incident;
--   content  alerts with the same values of alert_grouping_fields join the incident open with them
--            ('group', 'class', 'component', 'source', or 'custom_details.<key>').
alter table services add column alert_grouping text not null default 'none'
    check (alert_grouping in ('none', 'time', 'content'));
alter table services add column alert_grouping_window_seconds int
    check (alert_grouping_window_seconds between 60 and 86400);
alter table services add column alert_grouping_fields text[];
alter table services add constraint services_alert_grouping_complete check (
    (alert_grouping <> 'time' or alert_grouping_window_seconds is not null)
    and (alert_grouping <> 'content' or cardinality(alert_grouping_fields) > 0));

-- The time window a time-grouped service's alerts join: one row per service, replaced when the
-- window has passed. Its row lock orders concurrent alerts, so they agree on one incident key.
create table alert_time_groups (
    service_id bigint      primary key references services (id) on delete cascade,
    dedup_key  text        not null,
    opened_at  timestamptz not null
);

-- Scheduled quiet: events for the service (or, with no service, every service of the account)
-- between starts_at and ends_at are accepted and kept as suppressed alerts, and page nobody.
create table maintenance_windows (
    id          bigint generated always as identity primary key,
    account_id  bigint      not null references accounts (id) on delete cascade,
    service_id  bigint      references services (id) on delete cascade,
    description text        not null default '',
    starts_at   timestamptz not null,
    ends_at     timestamptz not null,
    created_at  timestamptz not null default now(),
    check (ends_at > starts_at)
);
create index maintenance_windows_account on maintenance_windows (account_id, ends_at);

-- An alert that arrived during a maintenance window: it opened no incident and never will.
alter table alerts add column suppressed_at timestamptz;
alter table alerts add column maintenance_window_id bigint
    references maintenance_windows (id) on delete set null;
alter table alerts add column suppressed_service_id bigint references services (id) on delete cascade;
create index alerts_suppressed on alerts (maintenance_window_id) where suppressed_at is not null;
