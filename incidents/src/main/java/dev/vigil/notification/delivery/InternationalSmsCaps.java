package dev.vigil.notification.delivery;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * An account's optional cap on the international SMS its pages send in a month (README, "Storm
 * protection"): the one writer and reader of {@code international_sms_caps}. International is what
 * billing rates as international: a number whose country is not the account's home country. The
 * month is the calendar month in the account's time zone; the SMS counted are the pages and test
 * pages sent (a held or capped page sent nothing).
 */
@Component
public class InternationalSmsCaps {

  private final JdbcClient jdbc;

  public InternationalSmsCaps(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The account's monthly limit; empty when it has none. */
  public Optional<Integer> limit(long accountId) {
    return jdbc.sql("select monthly_limit from international_sms_caps where account_id = ?")
        .param(accountId)
        .query(Integer.class)
        .optional();
  }

  /** Sets the account's monthly limit; null removes it. */
  public void set(long accountId, Integer monthlyLimit, Long userId) {
    if (monthlyLimit == null) {
      jdbc.sql("delete from international_sms_caps where account_id = ?").param(accountId).update();
      return;
    }
    jdbc.sql(
            """
            insert into international_sms_caps (account_id, monthly_limit, updated_by)
            values (?, ?, ?)
            on conflict (account_id) do update
                set monthly_limit = excluded.monthly_limit, updated_at = now(),
                    updated_by = excluded.updated_by""")
        .params(accountId, monthlyLimit, userId)
        .update();
  }

  /** International SMS the account sent in the month holding {@code at}, before it. */
  public long sentThisMonth(long accountId, Instant at) {
    ZoneId zone =
        ZoneId.of(
            jdbc.sql("select time_zone from accounts where id = ?")
                .param(accountId)
                .query(String.class)
                .single());
    ZonedDateTime local = at.atZone(zone);
    Instant monthStart = local.toLocalDate().withDayOfMonth(1).atStartOfDay(zone).toInstant();
    return jdbc.sql(
            """
            select count(*) from notifications n join accounts a on a.id = n.account_id
            where n.account_id = ? and n.channel = 'sms' and n.sent_at is not null
              and n.status in ('sent', 'delivered')
              and n.destination_country is not null and n.destination_country <> a.home_country
              and n.sent_at >= ? and n.sent_at < ?""")
        .params(accountId, Timestamp.from(monthStart), Timestamp.from(at))
        .query(Long.class)
        .single();
  }

  /**
   * The cap that holds back an SMS to {@code country} at {@code at}, as people read it ("5 a
   * month"); empty when the SMS may go: domestic, no cap, or the cap not reached.
   */
  Optional<String> reached(long accountId, String country, Instant at) {
    if (country == null) {
      return Optional.empty();
    }
    Optional<Integer> limit = limit(accountId);
    if (limit.isEmpty()) {
      return Optional.empty();
    }
    String home =
        jdbc.sql("select home_country from accounts where id = ?")
            .param(accountId)
            .query(String.class)
            .single()
            .trim();
    if (home.equals(country) || sentThisMonth(accountId, at) < limit.get()) {
      return Optional.empty();
    }
    return Optional.of(limit.get() + " a month");
  }
}
