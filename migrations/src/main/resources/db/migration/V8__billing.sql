-- Billing: the plan catalog, each account's subscription, invoices and their lines, the usage each
-- invoice froze, payments, account credit, Stripe's events and the billing mail outbox.
--
-- Money is integer minor units of the invoice's currency (cents for USD, EUR). Per-unit overage
-- prices are finer than a cent (0.75 cents per SMS segment), so they are numeric minor units; the
-- one rounding rule (HALF_UP, once per line) turns a line into whole minor units.

-- The catalog. A plan is a name customers know; what it costs is a version of it. A version is never
-- changed once an invoice used it: new prices are a new version, and invoices say which they used.
create table plans (
    code       text primary key check (code ~ '^[a-z][a-z0-9-]{1,39}$'),
    name       text        not null,
    created_at timestamptz not null default now()
);

create table plan_versions (
    id                bigint generated always as identity primary key,
    plan_code         text        not null references plans (code),
    version           int         not null check (version >= 1),
    -- ISO 4217, and every amount of the version is in its minor units.
    currency          char(3)     not null check (currency ~ '^[A-Z]{3}$'),
    base_fee_minor    bigint      not null check (base_fee_minor >= 0),
    seat_price_minor  bigint      not null check (seat_price_minor >= 0),
    created_at        timestamptz not null default now(),
    unique (plan_code, version)
);

-- Included quota and overage price per usage type. Units: SMS segments, voice minutes (each call
-- rounded up to the minute), emails.
create table plan_usage_prices (
    plan_version_id     bigint        not null references plan_versions (id),
    usage_type          text          not null check (usage_type in
        ('sms_domestic', 'sms_international', 'voice_domestic', 'voice_international', 'email')),
    included_units      bigint        not null check (included_units >= 0),
    overage_price_minor numeric(14, 4) not null check (overage_price_minor >= 0),
    primary key (plan_version_id, usage_type)
);

-- How an account is billed. One row per account that is billed at all; accounts without one (the
-- demo, tests of paging) are never invoiced.
create table billing_profiles (
    account_id         bigint primary key references accounts (id) on delete cascade,
    -- 'card': a Stripe invoice charged automatically. 'check': our invoice, approved by an
    -- accountant, sent with net terms and paid by check.
    collection_method  text        not null check (collection_method in ('card', 'check')),
    -- Periods are calendar months in this zone: a month starts at local midnight on the 1st.
    billing_time_zone  text        not null,
    billing_email      text        not null,
    net_terms_days     int         not null default 30 check (net_terms_days between 0 and 120),
    -- Days relative to the due date on which a reminder goes out while an invoice is unpaid
    -- (negative: before it is due).
    reminder_offsets   int[]       not null default '{-7,1,7,14,30}',
    -- The first period billed starts at the start of the month that holds this instant.
    billing_starts_at  timestamptz not null,
    stripe_customer_id text,
    created_at         timestamptz not null default now()
);

-- Plan and seat changes, each applying from a stated moment. The subscription in force at an
-- instant is the latest change effective at or before it.
create table subscription_changes (
    id              bigint generated always as identity primary key,
    account_id      bigint      not null references accounts (id) on delete cascade,
    plan_version_id bigint      not null references plan_versions (id),
    seats           int         not null check (seats >= 0),
    effective_at    timestamptz not null,
    reason          text        not null default '',
    recorded_at     timestamptz not null default now()
);
create index subscription_changes_account on subscription_changes (account_id, effective_at, id);

create sequence invoice_numbers;

create table invoices (
    id                bigint generated always as identity primary key,
    account_id        bigint      not null references accounts (id) on delete cascade,
    -- Shown to customers and on checks' memo lines: VIG-000042.
    number            text        not null unique,
    -- [period_start, period_end): local midnights of the 1st of two consecutive months.
    period_start      timestamptz not null,
    period_end        timestamptz not null,
    billing_time_zone text        not null,
    currency          char(3)     not null,
    -- The plan version in force at the end of the period: its quotas and overage prices rated the
    -- usage. Fee lines say which version each covered.
    plan_version_id   bigint      not null references plan_versions (id),
    collection_method text        not null check (collection_method in ('card', 'check')),
    status            text        not null default 'draft'
        check (status in ('draft', 'open', 'paid', 'void', 'uncollectible')),
    -- Sum of the lines; kept with the lines in one transaction.
    total_minor       bigint      not null default 0,
    amount_paid_minor bigint      not null default 0,
    -- When usage was frozen for this invoice: notifications sent before period_end and recorded
    -- after this instant are late usage, billed on a later invoice.
    drafted_at        timestamptz not null default now(),
    approved_by       bigint      references users (id) on delete set null,
    approved_at       timestamptz,
    issued_at         timestamptz,
    due_at            timestamptz,
    paid_at           timestamptz,
    closed_at         timestamptz,
    closed_by         bigint      references users (id) on delete set null,
    close_reason      text,
    -- Card invoices: the Stripe invoice, and the last failed charge.
    stripe_invoice_id text unique,
    payment_attempts  int         not null default 0,
    last_payment_error text,
    unique (account_id, period_start)
);
create index invoices_account_status on invoices (account_id, status, period_start desc);

create table invoice_lines (
    id              bigint generated always as identity primary key,
    account_id      bigint      not null references accounts (id) on delete cascade,
    invoice_id      bigint      not null references invoices (id) on delete cascade,
    position        int         not null,
    -- base_fee, seats: recurring fees, prorated per subscription segment. usage: overage of a usage
    -- type. late_usage: usage of an earlier period that arrived after its invoice was drafted.
    -- adjustment: an accountant's charge or credit, with a reason. account_credit: credit applied.
    kind            text        not null check (kind in
        ('base_fee', 'seats', 'usage', 'late_usage', 'adjustment', 'account_credit')),
    description     text        not null,
    usage_type      text,
    quantity        numeric(18, 6) not null default 1,
    unit_price_minor numeric(14, 4) not null default 0,
    amount_minor    bigint      not null,
    reason          text,
    created_by      bigint      references users (id) on delete set null,
    -- Adjustments: the request that added the line, so a retried activity adds it once.
    request_key     text,
    created_at      timestamptz not null default now(),
    unique (invoice_id, position),
    unique (invoice_id, request_key)
);

-- The usage each invoice rated, per type and per period it came from (a late line's period is an
-- earlier one): what "usage breakdown" shows, and what later late usage is rated on top of.
create table invoice_usage (
    invoice_id      bigint not null references invoices (id) on delete cascade,
    account_id      bigint not null references accounts (id) on delete cascade,
    usage_type      text   not null,
    period_start    timestamptz not null,
    units           bigint not null check (units >= 0),
    included_units  bigint not null,
    billable_units  bigint not null,
    primary key (invoice_id, usage_type, period_start)
);

-- Which notification's units went on which invoice. Units a notification has beyond what was
-- billed (a call whose duration arrived late) are billed once, later, as late usage.
create table billed_usage (
    notification_id bigint not null references notifications (id) on delete cascade,
    invoice_id      bigint not null references invoices (id) on delete cascade,
    usage_type      text   not null,
    units           bigint not null,
    primary key (notification_id, invoice_id)
);

create table payments (
    id             bigint generated always as identity primary key,
    account_id     bigint      not null references accounts (id) on delete cascade,
    invoice_id     bigint      not null references invoices (id),
    method         text        not null check (method in ('check', 'card')),
    amount_minor   bigint      not null check (amount_minor > 0),
    currency       char(3)     not null,
    check_number   text,
    received_on    date,
    -- Card payments: the Stripe invoice's payment, so a replayed webhook finds it already here.
    stripe_reference text unique,
    recorded_by    bigint      references users (id) on delete set null,
    recorded_at    timestamptz not null default now(),
    -- One check is recorded once, however often the form is submitted.
    unique (account_id, check_number)
);
create index payments_invoice on payments (invoice_id);

-- Account credit: overpayments in, credit applied to invoices out. The balance is the sum.
create table account_credits (
    id           bigint generated always as identity primary key,
    account_id   bigint      not null references accounts (id) on delete cascade,
    currency     char(3)     not null,
    amount_minor bigint      not null,
    invoice_id   bigint      references invoices (id),
    payment_id   bigint      references payments (id),
    description  text        not null,
    created_at   timestamptz not null default now()
);
create index account_credits_account on account_credits (account_id, id);

-- Stripe events already acted on: a replayed webhook is answered 200 and does nothing.
create table stripe_events (
    event_id    text primary key,
    type        text        not null,
    received_at timestamptz not null default now()
);

-- Billing mail (invoices, reminders, payment failures): written once per step, then sent through
-- the SMTP relays, or kept here as the dev inbox's billing mail when no relay is configured.
create table billing_emails (
    id              bigint generated always as identity primary key,
    account_id      bigint      not null references accounts (id) on delete cascade,
    invoice_id      bigint      references invoices (id) on delete cascade,
    idempotency_key text        not null unique,
    kind            text        not null,
    recipient       text        not null,
    subject         text        not null,
    body            text        not null,
    attachment_name text,
    provider        text,
    sent_at         timestamptz,
    created_at      timestamptz not null default now()
);

-- API tokens may act as a user, with that user's role; tokens without a user are account admin
-- tokens (the bootstrap token, integrations' management tokens).
alter table api_tokens add column user_id bigint references users (id) on delete cascade;

-- The catalog every installation starts with. Prices in cents.
insert into plans (code, name) values
    ('team', 'Team'), ('business', 'Business'), ('enterprise', 'Enterprise');
insert into plan_versions (plan_code, version, currency, base_fee_minor, seat_price_minor) values
    ('team', 1, 'USD', 0, 1900),
    ('business', 1, 'USD', 9900, 3900),
    ('enterprise', 1, 'USD', 49900, 5900);
insert into plan_usage_prices (plan_version_id, usage_type, included_units, overage_price_minor)
select v.id, p.usage_type, p.included_units, p.overage_price_minor
from plan_versions v
join (values
    ('team', 'sms_domestic', 200, 1.5),
    ('team', 'sms_international', 0, 9.0),
    ('team', 'voice_domestic', 100, 3.0),
    ('team', 'voice_international', 0, 18.0),
    ('team', 'email', 1000, 0.1),
    ('business', 'sms_domestic', 2000, 1.25),
    ('business', 'sms_international', 100, 7.5),
    ('business', 'voice_domestic', 1000, 2.5),
    ('business', 'voice_international', 50, 15.0),
    ('business', 'email', 10000, 0.05),
    ('enterprise', 'sms_domestic', 10000, 0.75),
    ('enterprise', 'sms_international', 1000, 6.0),
    ('enterprise', 'voice_domestic', 5000, 1.75),
    ('enterprise', 'voice_international', 500, 12.0),
    ('enterprise', 'email', 100000, 0.02)
) as p (plan_code, usage_type, included_units, overage_price_minor) on p.plan_code = v.plan_code;

-- Drafting meters an account's billable notifications by when they were sent.
create index notifications_account_sent on notifications (account_id, sent_at)
    where status in ('sent', 'delivered');
