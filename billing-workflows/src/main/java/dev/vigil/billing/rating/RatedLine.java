package dev.vigil.billing.rating;

import dev.vigil.billing.catalog.UsageType;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * One line of an invoice as the customer reads it.
 *
 * @param kind as stored in {@code invoice_lines.kind}: {@link #BASE_FEE}, {@link #SEATS}, {@link
 *     #USAGE}, {@link #LATE_USAGE}, {@link #TAX} or {@link #ACCOUNT_CREDIT}
 * @param usageType the usage type of usage and late usage lines; null otherwise
 * @param quantity what was charged for: 1 for a month's base fee, the seats, the billable units; a
 *     prorated fee's quantity is its fraction of the month (shown to six decimals, never used to
 *     compute the amount)
 * @param unitPriceMinor the price of one unit of quantity in minor units, possibly finer than one
 * @param amountMinor the line's exact amount, rounded once by {@link LineRounding}
 * @param tax what a tax line was computed from; null for every other line
 */
public record RatedLine(
    String kind,
    String description,
    UsageType usageType,
    BigDecimal quantity,
    BigDecimal unitPriceMinor,
    long amountMinor,
    TaxBasis tax) {

  public static final String BASE_FEE = "base_fee";
  public static final String SEATS = "seats";
  public static final String USAGE = "usage";
  public static final String LATE_USAGE = "late_usage";
  public static final String ACCOUNT_CREDIT = "account_credit";
  public static final String TAX = "tax";

  /**
   * A tax line's rate and the amount it was applied to (docs/decisions/0065).
   *
   * @param rateId the operator's rate
   * @param taxableMinor the taxable subtotal, in minor units
   */
  public record TaxBasis(long rateId, String name, BigDecimal ratePercent, long taxableMinor) {}

  /** A line that is not tax. */
  public RatedLine(
      String kind,
      String description,
      UsageType usageType,
      BigDecimal quantity,
      BigDecimal unitPriceMinor,
      long amountMinor) {
    this(kind, description, usageType, quantity, unitPriceMinor, amountMinor, null);
  }

  public RatedLine {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(quantity, "quantity");
    Objects.requireNonNull(unitPriceMinor, "unitPriceMinor");
    if (kind.equals(TAX) != (tax != null)) {
      throw new IllegalArgumentException("a tax line, and only a tax line, has a tax basis");
    }
  }
}
