package dev.vigil.billing.testsupport;

import dev.vigil.billing.ledger.CollectionMethod;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Billed accounts and the usage they pay for, written straight to PostgreSQL: an account with a
 * billing profile, its subscription, and notifications a provider took, with the sent time,
 * destination, SMS segments and call durations that billing rates. The incident, user, service and
 * escalation policy notifications need are made once per account, on first use.
 */
public final class BillingFixtures {

  private final JdbcClient jdbc;
  private final Map<Long, Pager> pagers = new ConcurrentHashMap<>();

  public BillingFixtures(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * An account with a billing profile.
   *
   * @param homeCountry ISO 3166-1 alpha-2; pages elsewhere are international
   * @param billingStartsAt the first period billed is the month of the billing zone holding it
   * @return the account's id
   */
  public long account(
      String name,
      String homeCountry,
      CollectionMethod collectionMethod,
      ZoneId billingTimeZone,
      String billingEmail,
      Instant billingStartsAt) {
    long accountId =
        jdbc.sql(
                "insert into accounts (name, home_country, time_zone) values (?, ?, ?) returning id")
            .params(name, homeCountry, billingTimeZone.getId())
            .query(Long.class)
            .single();
    jdbc.sql(
            """
            insert into billing_profiles (account_id, collection_method, billing_time_zone,
                                          billing_email, billing_starts_at)
            values (?, ?, ?, ?, ?)
            """)
        .params(
            accountId,
            collectionMethod.code(),
            billingTimeZone.getId(),
            billingEmail,
            utc(billingStartsAt))
        .update();
    return accountId;
  }

  /** A card-paying account billed to billing@&lt;name&gt;.test. */
  public long account(
      String name, String homeCountry, ZoneId billingTimeZone, Instant billingStartsAt) {
    String domain = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    return account(
        name,
        homeCountry,
        CollectionMethod.CARD,
        billingTimeZone,
        "billing@" + domain + ".test",
        billingStartsAt);
  }

  /**
   * Subscribes the account to the newest version of a plan with a number of seats from an instant.
   *
   * @return the subscription change's id
   */
  public long subscribe(long accountId, String planCode, int seats, Instant effectiveAt) {
    return jdbc.sql(
            """
            insert into subscription_changes (account_id, plan_version_id, seats, effective_at, reason)
            select ?, max(id), ?, ?, 'test' from plan_versions where plan_code = ?
            returning id
            """)
        .params(accountId, seats, utc(effectiveAt), planCode)
        .query(Long.class)
        .single();
  }

  /** Account credit in a currency (an overpayment), as a positive amount of minor units. */
  public long credit(long accountId, String currency, long amountMinor) {
    return jdbc.sql(
            """
            insert into account_credits (account_id, currency, amount_minor, description)
            values (?, ?, ?, 'Overpayment') returning id
            """)
        .params(accountId, currency, amountMinor)
        .query(Long.class)
        .single();
  }

  /**
   * A delivered SMS.
   *
   * @param country the destination's country as the notifier recorded it; null to leave it to the
   *     number
   * @return the notification's id
   */
  public long sms(long accountId, Instant sentAt, String e164, String country, int segments) {
    return notification(accountId, "sms", sentAt, e164, country, segments, null);
  }

  /** A delivered SMS whose provider has not said how many segments it took. */
  public long sms(long accountId, Instant sentAt, String e164, String country) {
    return notification(accountId, "sms", sentAt, e164, country, null, null);
  }

  /** A completed call of {@code durationSeconds}. */
  public long call(
      long accountId, Instant sentAt, String e164, String country, int durationSeconds) {
    return notification(accountId, "voice", sentAt, e164, country, null, durationSeconds);
  }

  /** A call whose status callback has not said how long it lasted yet. */
  public long callWithoutDuration(long accountId, Instant sentAt, String e164, String country) {
    return notification(accountId, "voice", sentAt, e164, country, null, null);
  }

  /** A delivered email. */
  public long email(long accountId, Instant sentAt) {
    return notification(accountId, "email", sentAt, "oncall@example.test", null, null, null);
  }

  /** A call's duration as its status callback reports it. */
  public void callDuration(long accountId, long notificationId, int durationSeconds) {
    update(
        "update notifications set call_duration_seconds = ? where account_id = ? and id = ?",
        durationSeconds,
        accountId,
        notificationId);
  }

  /** A notification's status as a provider reports it: sent, delivered or failed. */
  public void status(long accountId, long notificationId, String status) {
    update(
        "update notifications set status = ? where account_id = ? and id = ?",
        status,
        accountId,
        notificationId);
  }

  private void update(String sql, Object... params) {
    int rows = jdbc.sql(sql).params(params).update();
    if (rows != 1) {
      throw new IllegalArgumentException("no such notification: " + params[params.length - 1]);
    }
  }

  private long notification(
      long accountId,
      String channel,
      Instant sentAt,
      String destination,
      String country,
      Integer segments,
      Integer durationSeconds) {
    Pager pager = pagers.computeIfAbsent(accountId, this::pager);
    return jdbc.sql(
            """
            insert into notifications (account_id, incident_id, user_id, channel, provider,
                                       destination, destination_country, idempotency_key, status,
                                       created_at, sent_at, segments, call_duration_seconds)
            values (?, ?, ?, ?, 'test', ?, ?, ?, 'delivered', ?, ?, ?, ?)
            returning id
            """)
        .params(
            accountId,
            pager.incidentId(),
            pager.userId(),
            channel,
            destination,
            country,
            UUID.randomUUID().toString(),
            utc(sentAt),
            utc(sentAt),
            segments,
            durationSeconds)
        .query(Long.class)
        .single();
  }

  /** The one incident, and the user it paged, that an account's notifications hang from. */
  private Pager pager(long accountId) {
    long userId =
        jdbc.sql(
                "insert into users (account_id, name, email) values (?, 'On call', ?) returning id")
            .params(accountId, "oncall-" + accountId + "@example.test")
            .query(Long.class)
            .single();
    long policyId =
        jdbc.sql(
                "insert into escalation_policies (account_id, name) values (?, 'Default') returning id")
            .param(accountId)
            .query(Long.class)
            .single();
    long serviceId =
        jdbc.sql(
                """
                insert into services (account_id, name, escalation_policy_id)
                values (?, 'Billing test', ?) returning id
                """)
            .params(accountId, policyId)
            .query(Long.class)
            .single();
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    // Numbered like every incident of the account, so paging tests on it number theirs after it.
    long number =
        jdbc.sql(
                """
                update accounts set next_incident_number = next_incident_number + 1 where id = ?
                returning next_incident_number - 1
                """)
            .param(accountId)
            .query(Long.class)
            .single();
    long incidentId =
        jdbc.sql(
                """
                insert into incidents (account_id, number, service_id, dedup_key, title, urgency,
                                       status, workflow_id, run_id, created_at, updated_at)
                values (?, ?, ?, 'billing', 'Billing test', 'high', 'resolved', ?, ?, ?, ?)
                returning id
                """)
            .params(
                accountId,
                number,
                serviceId,
                "billing-test-" + UUID.randomUUID(),
                UUID.randomUUID().toString(),
                now,
                now)
            .query(Long.class)
            .single();
    return new Pager(incidentId, userId);
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private record Pager(long incidentId, long userId) {}
}
