-- Inbound callbacks already acted on (a reply SMS, a key pressed on a call), by the provider's id
-- for them. Twilio retries and a replayed request find their row and get the same answer without a
-- second effect; the row is written in the transaction that acts, so two copies at once wait on
-- the unique key and the second sees the first's answer.
create table inbound_callbacks (
    callback_key text        primary key,
    reply        text        not null,
    created_at   timestamptz not null default now()
);
