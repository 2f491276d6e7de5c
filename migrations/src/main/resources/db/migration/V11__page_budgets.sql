-- Storm protection (docs/decisions/0019): each person has a page budget per channel. A page over
-- budget is held (no provider called, not billed) and later carried by the next message the
-- budget allows to that person on that channel, or by a digest.

alter table notifications drop constraint notifications_status_check;
alter table notifications add constraint notifications_status_check
    check (status in ('sending', 'sent', 'delivered', 'failed', 'held'));

alter table notifications
    -- When the budget let this message through (the time the page fell due; a digest's send
    -- time). The budget counts these; held pages have none.
    add column admitted_at  timestamptz,
    -- Which limit held the page, as people read it: "1 per minute".
    add column held_by      text,
    -- When a held page left the hold: carried by a message (bundled_into), or dropped because
    -- its incident was no longer triggered (bundled_into null).
    add column released_at  timestamptz,
    add column bundled_into bigint references notifications (id) on delete set null,
    -- A digest carries held pages only; it is about its first incident (replies act on that one).
    add column digest       boolean not null default false;

-- Recent pages sent before budgets existed count as admitted when they were created.
update notifications set admitted_at = created_at where created_at > now() - interval '1 day';

-- The budget reads a person's recent messages on a channel.
create index notifications_user_admitted on notifications (user_id, channel, admitted_at)
    where admitted_at is not null;
-- Held pages still waiting for a message to carry them.
create index notifications_waiting on notifications (user_id, channel, id)
    where status = 'held' and released_at is null;
create index notifications_bundled_into on notifications (bundled_into)
    where bundled_into is not null;
