-- Usage alerts: the billing contact hears when a month's usage reaches these shares of a quota,
-- and when its overage charges reach an amount (minor units of the plan's currency; null: never).
-- Each alert goes out once a month.
alter table billing_profiles
    add column usage_alert_percents   int[]  not null default '{80,100}',
    add column usage_alert_overage_minor bigint check (usage_alert_overage_minor > 0);
