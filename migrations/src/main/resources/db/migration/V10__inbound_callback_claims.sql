-- Inbound callbacks are claimed, acted on outside any transaction, then completed: no database
-- connection waits on a workflow update. A claim left uncompleted by a process that died is taken
-- over after a while (see InboundCallbacks).
alter table inbound_callbacks add column completed_at timestamptz;
update inbound_callbacks set completed_at = created_at;
