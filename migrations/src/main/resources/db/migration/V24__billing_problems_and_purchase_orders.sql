-- No billing failure is final and silent (docs/decisions/0044): a billing cycle or invoice that
-- cannot proceed is a problem shown on its account, and an incident on the operator's own on-call,
-- until the step that failed succeeds or the operator resolves it.
create table billing_problems (
    id           bigint generated always as identity primary key,
    account_id   bigint      not null references accounts (id) on delete cascade,
    -- The invoice held up; null when the billing cycle itself is (drafting).
    invoice_id   bigint      references invoices (id) on delete cascade,
    -- What failed: 'draft', 'stripe_push', 'stripe_charge'.
    step         text        not null,
    -- For the operator: what went wrong, as the failing step said it (never a secret).
    message      text        not null,
    opened_at    timestamptz not null default now(),
    last_seen_at timestamptz not null default now(),
    -- Whether the operator's incident was triggered; one not yet is tried at the next failure.
    alerted      boolean     not null default false,
    resolved_at  timestamptz,
    resolved_by  bigint      references users (id) on delete set null
);
-- One open problem per account, invoice and step: a step failing again updates it.
create unique index billing_problems_open
    on billing_problems (account_id, coalesce(invoice_id, 0), step) where resolved_at is null;

-- What enterprise customers' accounts payable ask for on an invoice: their purchase order number
-- and their postal bill-to address (one printed line each). Kept on the billing profile, and copied
-- onto each invoice as it is issued, so an issued invoice keeps what it was sent with.
alter table billing_profiles
    add column po_number       text check (length(po_number) between 1 and 100),
    add column bill_to_address text[] not null default '{}';
alter table invoices
    add column po_number       text,
    add column bill_to_address text[];
