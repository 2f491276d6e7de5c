package dev.vigil.billing.ledger;

import dev.vigil.billing.catalog.UsageType;
import dev.vigil.billing.document.MoneyFormat;
import dev.vigil.billing.mail.BillingEmail;
import dev.vigil.billing.mail.BillingMailer;
import dev.vigil.billing.rating.RatedInvoice;
import dev.vigil.billing.rating.RatedLine;
import dev.vigil.billing.rating.RatedUsage;
import dev.vigil.refusal.Refusal;
import java.sql.Array;
import java.sql.SQLException;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Warns an account before an alert storm becomes a surprise bill: when the month's usage of a type
 * reaches a share of the plan's quota (80 % and 100 % unless the profile says otherwise), or its
 * overage charges reach an amount, the billing contact gets an email, once per alert and month.
 * Computed from the same preview the API shows, so the numbers agree with the invoice to come.
 */
@Component
public class UsageAlerts {

  private final JdbcClient jdbc;
  private final InvoiceDrafter drafter;
  private final BillingProfiles profiles;
  private final BillingMailer mailer;

  public UsageAlerts(
      JdbcClient jdbc, InvoiceDrafter drafter, BillingProfiles profiles, BillingMailer mailer) {
    this.jdbc = jdbc;
    this.drafter = drafter;
    this.profiles = profiles;
    this.mailer = mailer;
  }

  /** Shares of a quota an alert may be set at, in percent. */
  public static final int MIN_PERCENT = 1;

  public static final int MAX_PERCENT = 1000;

  /** At most this many shares per account: each is an email a month per usage type. */
  public static final int MAX_PERCENTS = 10;

  /**
   * When the account hears of its usage.
   *
   * @param percents shares of each quota, ascending; empty for none
   * @param overageMinor overage charges this month in minor units of the plan's currency (0: at the
   *     first overage charge); null for no alert on overage
   */
  public record Thresholds(List<Integer> percents, Long overageMinor) {

    public Thresholds {
      percents =
          percents == null
              ? List.of()
              : percents.stream()
                  .sorted(Comparator.nullsFirst(Comparator.<Integer>naturalOrder()))
                  .toList();
    }
  }

  /** One alert the month's usage so far has crossed. */
  public record UsageAlert(String key, String subject, String body) {}

  /** The alerts crossed by the usage sent before {@code asOf}, in its month. */
  public List<UsageAlert> crossed(long accountId, Instant asOf) {
    return crossed(accountId, drafter.preview(accountId, asOf));
  }

  /** The alerts {@code preview} (the account's month so far) has crossed. */
  public List<UsageAlert> crossed(long accountId, RatedInvoice preview) {
    Thresholds settings = thresholds(accountId);
    Instant monthStart = preview.period().start();
    Map<UsageType, long[]> usedAndIncluded = new EnumMap<>(UsageType.class);
    for (RatedUsage usage : preview.usage()) {
      if (!usage.periodStart().isBefore(monthStart)) { // this month's, not late usage
        long[] sums = usedAndIncluded.computeIfAbsent(usage.type(), t -> new long[2]);
        sums[0] += usage.units();
        sums[1] += usage.includedUnits();
      }
    }
    String month = YearMonth.from(monthStart.atZone(preview.period().zone())).toString();
    NumberFormat count = NumberFormat.getIntegerInstance(Locale.US);
    List<UsageAlert> alerts = new ArrayList<>();
    usedAndIncluded.forEach(
        (type, sums) -> {
          long used = sums[0];
          long included = sums[1];
          if (included <= 0) {
            return;
          }
          for (int percent : settings.percents()) {
            if (used * 100 >= included * (long) percent) {
              alerts.add(
                  new UsageAlert(
                      month + "-" + type.code() + "-" + percent,
                      type.label() + ": " + percent + " % of this month's quota reached",
                      "This month ("
                          + month
                          + ") "
                          + count.format(used)
                          + " "
                          + type.unit()
                          + " of "
                          + type.label()
                          + " have been used, "
                          + (used * 100 / included)
                          + " % of the "
                          + count.format(included)
                          + " your plan includes. Beyond the quota each one is charged as"
                          + " overage on the next invoice.\n"));
            }
          }
        });
    long overage =
        preview.lines().stream()
            .filter(l -> l.kind().equals(RatedLine.USAGE) || l.kind().equals(RatedLine.LATE_USAGE))
            .mapToLong(RatedLine::amountMinor)
            .sum();
    if (settings.overageMinor() != null && overage > 0 && overage >= settings.overageMinor()) {
      String currency = preview.plan().currency();
      alerts.add(
          new UsageAlert(
              month + "-overage-" + settings.overageMinor(),
              "Overage charges this month have reached "
                  + MoneyFormat.format(settings.overageMinor(), currency),
              "Usage beyond your plan's quotas this month ("
                  + month
                  + ") comes to "
                  + MoneyFormat.format(overage, currency)
                  + " so far, to be charged on the next invoice.\n"));
    }
    return alerts;
  }

  /** Emails the alerts crossed so far that were not sent yet this month; returns how many. */
  public int notify(long accountId, Instant asOf) {
    BillingProfile profile = profiles.get(accountId);
    int sent = 0;
    for (UsageAlert alert : crossed(accountId, asOf)) {
      String key = "usage-alert-" + accountId + "-" + alert.key();
      if (alreadySent(key)) {
        continue;
      }
      mailer.send(
          new BillingEmail(
              accountId,
              null,
              key,
              "usage_alert",
              profile.billingEmail(),
              alert.subject(),
              alert.body(),
              null,
              null));
      sent++;
    }
    return sent;
  }

  /**
   * A usage alert an account crossed, as {@link #notify} recorded it when its email went out.
   *
   * @param month the account's billing month it belongs to, {@code 2026-11}
   */
  public record Crossed(
      long accountId, String accountName, String month, String subject, Instant recordedAt) {}

  /**
   * The usage alerts of every account crossed this month (each account's month in its billing time
   * zone), newest first: the cycle checks usage three times a day and records each crossing once,
   * when it emails it.
   */
  public List<Crossed> crossedThisMonth(Instant now, int limit) {
    // Every zone's current month is within a month of UTC's; each row is then kept if its month
    // is its account's current one. Keys are usage-alert-{account}-{yyyy}-{MM}-..., see notify.
    YearMonth utc = YearMonth.from(now.atZone(java.time.ZoneOffset.UTC));
    List<String> months =
        List.of(utc.minusMonths(1).toString(), utc.toString(), utc.plusMonths(1).toString());
    return jdbc
        .sql(
            """
            select e.account_id, a.name, e.subject, e.created_at, b.billing_time_zone,
                   split_part(e.idempotency_key, '-', 4) || '-'
                       || split_part(e.idempotency_key, '-', 5) as month
            from billing_emails e
            join accounts a on a.id = e.account_id
            join billing_profiles b on b.account_id = e.account_id
            where e.kind = 'usage_alert'
              and split_part(e.idempotency_key, '-', 4) || '-'
                  || split_part(e.idempotency_key, '-', 5) in (:months)
            order by e.created_at desc, e.id desc""")
        .param("months", months)
        .query(
            (rs, n) -> {
              String month = rs.getString("month");
              String current =
                  YearMonth.from(now.atZone(java.time.ZoneId.of(rs.getString("billing_time_zone"))))
                      .toString();
              return month.equals(current)
                  ? new Crossed(
                      rs.getLong("account_id"),
                      rs.getString("name"),
                      month,
                      rs.getString("subject"),
                      rs.getTimestamp("created_at").toInstant())
                  : null;
            })
        .list()
        .stream()
        .filter(java.util.Objects::nonNull)
        .limit(limit)
        .toList();
  }

  private boolean alreadySent(String key) {
    return jdbc.sql("select count(*) from billing_emails where idempotency_key = ?")
            .param(key)
            .query(Long.class)
            .single()
        > 0;
  }

  /** The account's thresholds; it must be billed. */
  public Thresholds thresholds(long accountId) {
    return jdbc.sql(
            "select usage_alert_percents, usage_alert_overage_minor from billing_profiles"
                + " where account_id = ?")
        .param(accountId)
        .query(
            (rs, n) ->
                new Thresholds(
                    percents(rs.getArray(1)), rs.getObject(2) == null ? null : rs.getLong(2)))
        .optional()
        .orElseThrow(() -> new IllegalStateException("account " + accountId + " is not billed"));
  }

  private static List<Integer> percents(Array array) throws SQLException {
    return Arrays.stream((Integer[]) array.getArray()).sorted().toList();
  }

  /**
   * Sets the account's thresholds, refused field by field (an invalid field, nothing changed):
   * shares from 1 to 1000 %, at most ten, each once; overage charges of at least 0.
   */
  public Thresholds setThresholds(long accountId, Thresholds thresholds) {
    List<Integer> percents = thresholds.percents();
    if (percents.size() > MAX_PERCENTS) {
      throw Refusal.invalidFieldFailure("percents", "at most " + MAX_PERCENTS + " are allowed");
    }
    for (int i = 0; i < percents.size(); i++) {
      Integer percent = percents.get(i);
      if (percent == null || percent < MIN_PERCENT || percent > MAX_PERCENT) {
        throw Refusal.invalidFieldFailure(
            "percents", "each must be from " + MIN_PERCENT + " to " + MAX_PERCENT);
      }
      if (i > 0 && percent.equals(percents.get(i - 1))) {
        throw Refusal.invalidFieldFailure("percents", percent + " is given twice");
      }
    }
    if (thresholds.overageMinor() != null && thresholds.overageMinor() < 0) {
      throw Refusal.invalidFieldFailure("overage", "must be 0 or more");
    }
    int updated =
        jdbc.sql(
                """
                update billing_profiles
                set usage_alert_percents = cast(:percents as int[]),
                    usage_alert_overage_minor = :overage
                where account_id = :account
                """)
            .param("percents", BillingEnrollment.arrayLiteral(percents))
            .param("overage", thresholds.overageMinor())
            .param("account", accountId)
            .update();
    if (updated == 0) {
      throw new IllegalStateException("account " + accountId + " is not billed");
    }
    return thresholds(accountId);
  }
}
