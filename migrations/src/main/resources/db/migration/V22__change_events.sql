-- PagerDuty Change Events (POST /v2/change/enqueue): deploys, config changes and the like, kept per
-- service so responders see what changed around an incident. They never open an incident or page.
create table change_events (
    id              bigint generated always as identity primary key,
    account_id      bigint      not null references accounts (id) on delete cascade,
    service_id      bigint      not null references services (id) on delete cascade,
    summary         text        not null,
    source          text,
    -- When the change happened, as the sender says; else when it arrived.
    happened_at     timestamptz not null,
    custom_details  jsonb,
    links           jsonb,
    received_at     timestamptz not null
);
create index change_events_service on change_events (account_id, service_id, happened_at desc);
create index change_events_account on change_events (account_id, happened_at desc);
