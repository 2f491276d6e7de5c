package dev.vigil.billing.rating;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;

/**
 * A billing period: one calendar month in the account's billing time zone, from local midnight on
 * the 1st (inclusive) to local midnight on the 1st of the next month (exclusive). Where midnight
 * does not exist (a DST gap at midnight), the period starts at the first instant of that local day.
 */
public record BillingPeriod(YearMonth month, ZoneId zone) {

  public Instant start() {
    return month.atDay(1).atStartOfDay(zone).toInstant();
  }

  public Instant end() {
    return month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
  }

  public boolean contains(Instant instant) {
    return !instant.isBefore(start()) && instant.isBefore(end());
  }

  public BillingPeriod next() {
    return new BillingPeriod(month.plusMonths(1), zone);
  }

  public BillingPeriod previous() {
    return new BillingPeriod(month.minusMonths(1), zone);
  }

  /** The period holding an instant. */
  public static BillingPeriod containing(Instant instant, ZoneId zone) {
    return new BillingPeriod(YearMonth.from(instant.atZone(zone)), zone);
  }

  @Override
  public String toString() {
    return month + " (" + zone.getId() + ")";
  }
}
