-- An alert of a grouped incident resolves on its own (docs/decisions/0069): a resolve event with its
-- dedup key sets resolved_at on its rows; the incident resolves once none of its alerts is open.
-- Alerts of an incident resolved as a whole keep null here and read as resolved with it.
alter table alerts add column resolved_at timestamptz;

-- A resolve or acknowledge event with one alert's key finds the open incident holding it.
create index alerts_incident_dedup_key on alerts (incident_id, dedup_key);
