-- When the next card charge of an invoice is due, so a workflow started again after a lost server
-- goes on with the attempt it was at, at its time, instead of charging from attempt 1 at once.
alter table invoices add column next_payment_attempt_at timestamptz;
