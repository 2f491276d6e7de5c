-- Invoice numbers are assigned when an invoice is issued, from one counter per installation, in the
-- transaction that issues it: the issued series has no gaps, and drafts carry no number
-- (docs/decisions/0053).
create table invoice_number_series (
    prefix      text   primary key,
    last_number bigint not null check (last_number >= 0)
);

alter table invoices alter column number drop not null;

-- Drafts, and drafts voided before they were issued, never had a number customers saw.
update invoices set number = null where issued_at is null;

-- Issued invoices keep the numbers customers hold (their checks and ledgers quote them); the
-- counter goes on from the highest, so the series has no gaps from here on.
insert into invoice_number_series (prefix, last_number)
select 'VIG', coalesce(max(substring(number from 5)::bigint), 0)
from invoices where issued_at is not null and number ~ '^VIG-[0-9]+$';

drop sequence invoice_numbers;
