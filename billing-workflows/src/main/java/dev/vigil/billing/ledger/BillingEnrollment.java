package dev.vigil.billing.ledger;

import dev.vigil.billing.catalog.PlanCatalog;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Sets an account up for billing: its profile and first subscription, in one transaction. */
@Component
public class BillingEnrollment {

  /** Reminders a week before the due date, then 1, 7, 14 and 30 days after it. */
  public static final List<Integer> DEFAULT_REMINDER_OFFSETS = List.of(-7, 1, 7, 14, 30);

  private final JdbcClient jdbc;
  private final PlanCatalog catalog;

  public BillingEnrollment(JdbcClient jdbc, PlanCatalog catalog) {
    this.jdbc = jdbc;
    this.catalog = catalog;
  }

  /**
   * The terms of an enrollment.
   *
   * @param starts the first month billed, from local midnight on its 1st
   */
  public record Terms(
      CollectionMethod collectionMethod,
      ZoneId billingTimeZone,
      String billingEmail,
      int netTermsDays,
      List<Integer> reminderOffsets,
      String planCode,
      int seats,
      YearMonth starts) {}

  /** Enrolls the account; false (and nothing written) when it is enrolled already. */
  @Transactional
  public boolean enroll(long accountId, Terms terms) {
    long planVersion =
        catalog
            .current(terms.planCode())
            .orElseThrow(() -> new IllegalArgumentException("unknown plan: " + terms.planCode()))
            .id();
    Instant startsAt = terms.starts().atDay(1).atStartOfDay(terms.billingTimeZone()).toInstant();
    int inserted =
        jdbc.sql(
                """
                insert into billing_profiles (account_id, collection_method, billing_time_zone,
                    billing_email, net_terms_days, reminder_offsets, billing_starts_at)
                values (:account, :method, :zone, :email, :terms, cast(:offsets as int[]), :starts)
                on conflict (account_id) do nothing
                """)
            .param("account", accountId)
            .param("method", terms.collectionMethod().code())
            .param("zone", terms.billingTimeZone().getId())
            .param("email", terms.billingEmail())
            .param("terms", terms.netTermsDays())
            .param("offsets", arrayLiteral(terms.reminderOffsets()))
            .param("starts", Timestamp.from(startsAt))
            .update();
    if (inserted == 0) {
      return false;
    }
    jdbc.sql(
            """
            insert into subscription_changes (account_id, plan_version_id, seats, effective_at,
                                              reason)
            values (:account, :plan, :seats, :at, 'billing set up')
            """)
        .param("account", accountId)
        .param("plan", planVersion)
        .param("seats", terms.seats())
        .param("at", Timestamp.from(startsAt))
        .update();
    return true;
  }

  /** {-7,1,7}: distinct days, ascending, as PostgreSQL reads an int[] literal. */
  public static String arrayLiteral(List<Integer> offsets) {
    return "{"
        + String.join(",", offsets.stream().distinct().sorted().map(String::valueOf).toList())
        + "}";
  }
}
