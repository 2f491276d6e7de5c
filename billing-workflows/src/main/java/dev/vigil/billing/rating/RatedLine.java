package dev.vigil.billing.rating;

import dev.vigil.billing.catalog.UsageType;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * One line of an invoice as the customer reads it.
 *
 * @param kind as stored in {@code invoice_lines.kind}: {@link #BASE_FEE}, {@link #SEATS}, {@link
 *     #USAGE}, {@link #LATE_USAGE} or {@link #ACCOUNT_CREDIT}
 * @param usageType the usage type of usage and late usage lines; null otherwise
 * @param quantity what was charged for: 1 for a month's base fee, the seats, the billable units; a
 *     prorated fee's quantity is its fraction of the month (shown to six decimals, never used to
 *     compute the amount)
 * @param unitPriceMinor the price of one unit of quantity in minor units, possibly finer than one
 * @param amountMinor the line's exact amount, rounded once by {@link LineRounding}
 */
public record RatedLine(
    String kind,
    String description,
    UsageType usageType,
    BigDecimal quantity,
    BigDecimal unitPriceMinor,
    long amountMinor) {

  public static final String BASE_FEE = "base_fee";
  public static final String SEATS = "seats";
  public static final String USAGE = "usage";
  public static final String LATE_USAGE = "late_usage";
  public static final String ACCOUNT_CREDIT = "account_credit";

  public RatedLine {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(quantity, "quantity");
    Objects.requireNonNull(unitPriceMinor, "unitPriceMinor");
  }
}
