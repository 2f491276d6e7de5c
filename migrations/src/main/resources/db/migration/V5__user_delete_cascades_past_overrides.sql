-- A user's overrides go with the user. Current and future ones block the delete in the API
-- (409 naming them); past ones are history of a schedule that no longer needs the person.
alter table schedule_overrides
    drop constraint schedule_overrides_user_id_fkey,
    add constraint schedule_overrides_user_id_fkey foreign key (user_id) references users (id) on delete cascade;
