-- Real providers: what each one said about a page, and what billing rates it by.

alter table notifications
    -- Which credentials sent it: the Twilio AccountSid, or the SMTP relay's host:port. A status
    -- callback is only believed for messages of the account that signed it.
    add column provider_account    text,
    -- The provider's own delivery state, as its last status callback said (Twilio: queued, sent,
    -- delivered, undelivered, failed; calls: initiated, ringing, in-progress, completed, busy,
    -- no-answer, failed, canceled). status keeps Vigil's summary: sending, sent, delivered, failed.
    add column delivery_status     text,
    add column delivery_error      text,
    add column delivery_updated_at timestamptz,
    -- Why the last attempt to hand the page to a provider failed ("HTTP 500", "timed out").
    add column failure             text,
    -- Billing: an SMS costs per segment, a call per minute.
    add column segments            int check (segments >= 0),
    add column call_duration_seconds int check (call_duration_seconds >= 0);

-- Status callbacks find their notification by the provider's id (Message SID, Call SID).
create index notifications_provider_message on notifications (provider_message_id)
    where provider_message_id is not null;

-- Entries that no workflow numbers (a delivery failure reported by a provider's callback) have no
-- seq; the timeline is read in time order, seq breaking ties.
alter table incident_log_entries alter column seq drop not null;
