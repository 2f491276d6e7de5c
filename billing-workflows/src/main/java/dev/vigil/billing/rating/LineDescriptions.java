package dev.vigil.billing.rating;

import dev.vigil.billing.catalog.UsageType;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * What each line says to the customer. Dates and times are local to the billing time zone, as the
 * period itself is; a prorated term gives its exact local start and end.
 */
final class LineDescriptions {

  private static final DateTimeFormatter DAY_MONTH_TIME =
      DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH);
  private static final DateTimeFormatter MONTH_YEAR =
      DateTimeFormatter.ofPattern("MMM yyyy", Locale.ENGLISH);

  private final BillingPeriod period;

  LineDescriptions(BillingPeriod period) {
    this.period = period;
  }

  /** "Business v1 base fee, 1–30 Nov 2026". */
  String baseFee(SubscriptionTerm term, boolean whole) {
    return term.plan().label() + " base fee, " + span(term, whole);
  }

  /** "Business v1, 5 seats, 1 Nov 00:00 – 15 Nov 12:00 (prorated)". */
  String seats(SubscriptionTerm term, boolean whole) {
    return term.plan().label()
        + ", "
        + count(term.seats())
        + (term.seats() == 1 ? " seat, " : " seats, ")
        + span(term, whole);
  }

  /** "SMS, domestic: 2,450 segments, 2,000 included, 450 over". */
  String usage(UsageType type, long units, long included, long billable) {
    return type.label()
        + ": "
        + units(units, type)
        + ", "
        + count(included)
        + " included, "
        + count(billable)
        + " over";
  }

  /**
   * "SMS, domestic, Team v1 1 Nov 00:00 – 30 Nov 23:00: 6,000 segments, 200 included, 5,800 over".
   */
  String usage(PlanStretch stretch, UsageType type, long units, long included, long billable) {
    return type.label()
        + ", "
        + stretch.plan().label()
        + " "
        + stretch.from().atZone(period.zone()).format(DAY_MONTH_TIME)
        + " – "
        + stretch.to().atZone(period.zone()).format(DAY_MONTH_TIME)
        + ": "
        + units(units, type)
        + ", "
        + count(included)
        + " included, "
        + count(billable)
        + " over";
  }

  /**
   * "Late usage from Oct 2026 — SMS, domestic: 12 segments", and ", 8 over" when part of them fell
   * into what that month's quota had left.
   */
  String late(Instant periodStart, UsageType type, long lateUnits, long billable) {
    String month = YearMonth.from(periodStart.atZone(period.zone())).format(MONTH_YEAR);
    return "Late usage from "
        + month
        + " — "
        + type.label()
        + ": "
        + units(lateUnits, type)
        + (billable == lateUnits ? "" : ", " + count(billable) + " over");
  }

  private String span(SubscriptionTerm term, boolean whole) {
    if (whole) {
      YearMonth month = period.month();
      return "1–" + month.lengthOfMonth() + " " + month.format(MONTH_YEAR);
    }
    return term.from().atZone(period.zone()).format(DAY_MONTH_TIME)
        + " – "
        + term.to().atZone(period.zone()).format(DAY_MONTH_TIME)
        + " (prorated)";
  }

  /** "2,450 segments", "1 minute". */
  private static String units(long value, UsageType type) {
    String unit = type.unit();
    return count(value) + " " + (value == 1 ? unit.substring(0, unit.length() - 1) : unit);
  }

  private static String count(long value) {
    return String.format(Locale.ENGLISH, "%,d", value);
  }
}
