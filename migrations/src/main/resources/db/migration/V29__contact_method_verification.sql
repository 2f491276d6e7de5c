-- A contact method is paged only once verified (docs/decisions/0058): by a code sent over it, by an
-- admin with a reason, or by the setup that created it. Methods that existed before verification
-- did are marked verified here: an upgrade must not silence anyone who is paged today.
alter table contact_methods
    add column verified_at  timestamptz,
    -- 'code', 'admin: <reason>', 'setup', 'user email', 'upgrade'
    add column verified_how text;
update contact_methods set verified_at = now(), verified_how = 'upgrade';

-- The pending code of a method, at most one: SHA-256 (hex) of six digits, never the digits.
-- Valid for ten minutes and five wrong tries; a new code replaces it, at most one a minute.
create table contact_method_codes (
    contact_method_id bigint      primary key references contact_methods (id) on delete cascade,
    account_id        bigint      not null references accounts (id) on delete cascade,
    code_hash         text        not null,
    attempts          integer     not null default 0,
    sent_at           timestamptz not null,
    expires_at        timestamptz not null
);

-- Messages that are not pages go through the same log, so billing meters them like pages:
-- a verification code and a test page belong to no incident.
alter table notifications
    alter column incident_id drop not null,
    add column kind text not null default 'page' check (kind in ('page', 'verification', 'test')),
    add constraint notifications_page_has_incident check ((kind = 'page') = (incident_id is not null));
create index notifications_direct on notifications (user_id, contact_method_id, created_at)
    where kind <> 'page';
