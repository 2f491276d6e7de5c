-- A service that has had incidents is archived, not deleted, when it goes: its incidents and their
-- notification log (the usage billing rates) stay, while it leaves lists, takes no more events,
-- and lets go of the team and escalation policy it used, so those can be deleted in turn.
alter table services add column archived_at timestamptz;
alter table services alter column escalation_policy_id drop not null;
alter table services add constraint services_active_have_a_policy
    check (archived_at is not null or escalation_policy_id is not null);
