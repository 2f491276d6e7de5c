-- Money received is never refused (docs/decisions/0043): a check or transfer on an invoice that is
-- no longer open, or for no invoice at all, is recorded and held as account credit; credit notes
-- reduce an issued invoice's balance or become credit; refunds pay credit back.

-- A payment names the invoice it was sent for, when it names one; what of it paid that invoice is
-- applied_minor, the rest became account credit. Transfers are recorded like checks, with their
-- bank reference in check_number (one reference is recorded once per account).
alter table payments alter column invoice_id drop not null;
alter table payments drop constraint payments_method_check;
alter table payments add constraint payments_method_check
    check (method in ('check', 'transfer', 'card'));
alter table payments add column applied_minor bigint;
update payments p set applied_minor = p.amount_minor - coalesce(
    (select sum(c.amount_minor) from account_credits c where c.payment_id = p.id), 0);

-- What credit notes took off an invoice's balance: the balance is total - paid - credited.
alter table invoices add column credited_minor bigint not null default 0
    check (credited_minor >= 0);

create sequence credit_note_numbers;

create table credit_notes (
    id            bigint generated always as identity primary key,
    account_id    bigint      not null references accounts (id) on delete cascade,
    invoice_id    bigint      not null references invoices (id),
    -- CN-000001: their own series, apart from the invoices'.
    number        text        not null unique,
    currency      char(3)     not null,
    amount_minor  bigint      not null check (amount_minor > 0),
    -- The part that reduced the invoice's open balance, and the part that became account credit.
    applied_minor bigint      not null check (applied_minor >= 0),
    credit_minor  bigint      not null check (credit_minor >= 0),
    reason        text        not null,
    created_by    bigint      references users (id) on delete set null,
    -- The request that issued it, so a retried request issues it once.
    request_key   text        not null unique,
    created_at    timestamptz not null default now(),
    check (applied_minor + credit_minor = amount_minor)
);
create index credit_notes_account on credit_notes (account_id, id);

-- Account credit paid back: to the card of a card payment (through Stripe's refunds) or by check
-- or transfer. A refund draws the account's credit down by its amount.
create table refunds (
    id               bigint generated always as identity primary key,
    account_id       bigint      not null references accounts (id) on delete cascade,
    currency         char(3)     not null,
    amount_minor     bigint      not null check (amount_minor > 0),
    method           text        not null check (method in ('card', 'check', 'transfer')),
    -- Card refunds: the card payment refunded, and Stripe's refund.
    payment_id       bigint      references payments (id),
    stripe_refund_id text unique,
    -- Check or transfer refunds: the check number or bank reference sent.
    reference        text,
    reason           text        not null,
    recorded_by      bigint      references users (id) on delete set null,
    recorded_at      timestamptz not null default now(),
    check ((method = 'card') = (payment_id is not null))
);
create index refunds_account on refunds (account_id, id);

alter table account_credits
    add column credit_note_id bigint references credit_notes (id),
    add column refund_id bigint references refunds (id);
