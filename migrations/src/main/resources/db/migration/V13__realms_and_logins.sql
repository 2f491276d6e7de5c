-- Two realms (docs/decisions/0030): the operator, who runs Vigil as a service and alone changes what
-- an account owes, and tenants, the accounts it serves. The operator's staff are users of the one
-- account marked `operator` (a self-hosted install marks its own account: it is its own operator).
alter table accounts add column operator boolean not null default false;
create unique index accounts_one_operator on accounts (operator) where operator;
-- A suspended account's tokens and logins are refused; its events are still accepted.
alter table accounts add column suspended_at timestamptz;
alter table accounts add column billing_currency char(3) not null default 'USD'
    check (billing_currency ~ '^[A-Z]{3}$');

alter table users drop constraint users_role_check;
alter table users add constraint users_role_check
    check (role in ('admin', 'responder', 'support', 'accountant',
                    'operator_admin', 'operator_accountant'));

-- Password login (docs/decisions/0031): a DelegatingPasswordEncoder hash ("{bcrypt}$2a$..."),
-- null until the user accepts an invitation. A login e-mail names one person across the install.
alter table users add column password_hash text;
create unique index users_login_email on users (lower(email)) where password_hash is not null;

-- A token without a user acts with this role (null: the account's admin, as before).
alter table api_tokens add column role text
    check (role in ('admin', 'operator_admin', 'operator_accountant'));

-- Invitations: a one-time link that lets a user choose a password. Stored as a SHA-256 hash like
-- API tokens: the link itself is shown once.
create table user_invitations (
    id          bigint generated always as identity primary key,
    user_id     bigint      not null references users (id) on delete cascade,
    token_hash  char(64)    not null unique,
    expires_at  timestamptz not null,
    accepted_at timestamptz,
    created_at  timestamptz not null default now()
);
create index user_invitations_user on user_invitations (user_id);
