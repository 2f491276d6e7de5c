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

-- Issued invoices are numbered again in the order they were issued (ties by id), so the series
-- starts at 1 without the gaps that numbering at draft time left. Two steps: a unique column
-- cannot take a permutation of its values in one statement.
update invoices set number = 'renumbering-' || id where issued_at is not null;
with issued as (
    select id, row_number() over (order by issued_at, id) as n
    from invoices where issued_at is not null
)
update invoices i set number = 'VIG-' || lpad(issued.n::text, 6, '0')
from issued where issued.id = i.id;

insert into invoice_number_series (prefix, last_number)
select 'VIG', count(*) from invoices where issued_at is not null;

drop sequence invoice_numbers;
