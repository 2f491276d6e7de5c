-- Never a page after an accepted acknowledgement (docs/decisions/0021).
-- An acknowledgement or resolution that arrives through the Events API (a signal, answered 202
-- before the workflow records it) stops paging here at once; recording the transition clears it
-- when an incident is triggered again.
alter table incidents add column paging_stopped_at timestamptz;

-- A page whose incident stopped paging between its step and its send is kept, as cancelled: the
-- timeline and the notification log say it was not sent, and billing never counts it.
alter table notifications drop constraint notifications_status_check;
alter table notifications add constraint notifications_status_check
    check (status in ('sending', 'sent', 'delivered', 'failed', 'held', 'cancelled'));

-- When the current attempt claimed the page (created_at is the step's time, set by the workflow).
alter table notifications add column claimed_at timestamptz;

-- Sends in flight for an incident: an acknowledgement waits for them before it is answered.
create index notifications_sending_by_incident on notifications (incident_id) where status = 'sending';

-- A duplicate of an open incident is an alert row, not a Temporal event (docs/decisions/0022).
-- joins_alerts: the incident's run reads duplicates from here (runs started before this change
-- hear every duplicate as a signal, and keep doing so). last_alert_at: when the newest alert came,
-- for the auto-resolve timeout. resolve_requested_at: a resolution is on its way to the workflow;
-- from then on a trigger opens the next incident instead of joining this one.
alter table incidents add column joins_alerts boolean not null default false;
alter table incidents add column last_alert_at timestamptz;
alter table incidents add column resolve_requested_at timestamptz;
