-- A usage alert on overage charges of 0 means "at the first overage charge" (set through the API,
-- docs/decisions/0037); null still means no alert on overage.
alter table billing_profiles drop constraint billing_profiles_usage_alert_overage_minor_check;
alter table billing_profiles
    add constraint billing_profiles_usage_alert_overage_minor_check
        check (usage_alert_overage_minor >= 0);
