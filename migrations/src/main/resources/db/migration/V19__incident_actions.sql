-- Responders' actions on an incident (docs/decisions/0033 to 0035).

-- P1 (highest) to P5, set by a responder; null: none.
alter table incidents add column priority text check (priority in ('P1', 'P2', 'P3', 'P4', 'P5'));
-- While an acknowledged incident is snoozed: when it triggers again. Cleared by any status change.
alter table incidents add column snoozed_until timestamptz;

-- Who made a timeline entry and through which channel, when a person or a client acted (null for
-- entries Vigil wrote itself: escalations, pages, timers).
alter table incident_log_entries add column by_user_id bigint references users (id) on delete set null;
alter table incident_log_entries add column by_name text;
alter table incident_log_entries add column via text;

-- An incident made by hand (POST /api/v1/incidents) opens from an alert that carries the urgency
-- the responder chose and, when given, the user it is assigned to instead of the service's policy.
alter table alerts add column manual_urgency text check (manual_urgency in ('high', 'low'));
alter table alerts add column assignee_user_id bigint references users (id) on delete set null;

-- A merged incident is resolved and points at the incident it was merged into; its alerts moved
-- there, and triggers with its dedup key join that incident while it is open.
alter table incidents add column merged_into_id bigint references incidents (id) on delete set null;
create index incidents_merged_key on incidents (service_id, dedup_key) where merged_into_id is not null;
