-- Secrets Vigil generates for itself when none is configured (the key that signs email links):
-- made once, shared by every replica, kept across restarts.
create table signing_secrets (
    name       text primary key,
    secret     bytea       not null,
    created_at timestamptz not null default now()
);
