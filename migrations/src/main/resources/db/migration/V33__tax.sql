-- Tax on invoices (docs/decisions/0065), credit notes on open card invoices (0066), and a
-- monthly cap on international SMS.

-- Rates the operator charges, per jurisdiction: a country, or a region of it (a US state, a
-- Canadian province), each a named series ("VAT", "GST", "Sales tax") whose rate changes on the
-- dates it takes effect. The rate is a percentage kept exactly as given (at most four decimals).
create table tax_rates (
    id             bigint generated always as identity primary key,
    country        char(2)      not null check (country ~ '^[A-Z]{2}$'),
    -- The region's code within the country (ISO 3166-2 without the country: CA, NY, QC); null:
    -- the whole country.
    region         text         check (region ~ '^[A-Z0-9]{1,3}$'),
    name           text         not null check (length(name) between 1 and 40),
    rate_percent   numeric(7, 4) not null check (rate_percent >= 0 and rate_percent <= 100),
    effective_from date         not null,
    created_at     timestamptz  not null default now(),
    created_by     bigint       references users (id) on delete set null
);
-- One rate per series and day: a series changes by a later date, never by a second row.
create unique index tax_rates_series_day
    on tax_rates (country, coalesce(region, ''), name, effective_from);

-- The customer's tax identification number (an EU VAT number, a GB VAT number, an ABN, ...) and
-- the region of its bill-to address whose rates apply; the country is the account's home country.
alter table billing_profiles
    add column tax_id        text check (length(tax_id) between 2 and 40),
    add column bill_to_region text check (bill_to_region ~ '^[A-Z0-9]{1,3}$');

-- What an invoice was taxed as, decided when it was drafted: the jurisdiction, both parties' tax
-- ids, the seller's name and address as configured then, and whether the customer accounts for the
-- VAT itself (EU reverse charge: no tax lines, the wording printed).
alter table invoices
    add column tax_country     char(2),
    add column tax_region      text,
    add column seller_name     text,
    add column seller_address  text[],
    add column seller_tax_id   text,
    add column customer_tax_id text,
    add column reverse_charge  boolean not null default false;

-- A tax line: one per rate in force, with the rate and the amount it was applied to.
alter table invoice_lines drop constraint invoice_lines_kind_check;
alter table invoice_lines
    add constraint invoice_lines_kind_check check (kind in
        ('base_fee', 'seats', 'usage', 'late_usage', 'adjustment', 'account_credit', 'tax')),
    add column tax_rate_id      bigint references tax_rates (id),
    add column tax_rate_percent numeric(7, 4),
    add column taxable_minor    bigint,
    add constraint invoice_lines_tax_basis check (
        (kind = 'tax') = (tax_rate_percent is not null and taxable_minor is not null));

-- Credit notes on open card invoices are mirrored into Stripe (a Stripe credit note lowers what it
-- collects): the Stripe credit note's id, null until it is there (and for other credit notes).
alter table credit_notes add column stripe_credit_note_id text;

-- An optional cap on the international SMS an account's pages send each month (README, "Storm
-- protection"): over it, an SMS to a number outside the account's home country is not sent
-- ('capped') and the person is paged on their verified e-mail addresses instead.
create table international_sms_caps (
    account_id    bigint      primary key references accounts (id) on delete cascade,
    monthly_limit int         not null check (monthly_limit between 0 and 1000000),
    updated_at    timestamptz not null default now(),
    updated_by    bigint      references users (id) on delete set null
);
alter table notifications drop constraint notifications_status_check;
alter table notifications add constraint notifications_status_check
    check (status in ('sending', 'sent', 'delivered', 'failed', 'held', 'cancelled', 'capped'));
