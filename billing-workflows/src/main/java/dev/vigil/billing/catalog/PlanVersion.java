package dev.vigil.billing.catalog;

import java.util.Map;

/**
 * One version of a plan: what it cost and included while it was current. Versions never change once
 * an invoice used them; new prices are a new version.
 *
 * @param currency ISO 4217; every amount is in its minor units
 */
public record PlanVersion(
    long id,
    String planCode,
    String planName,
    int version,
    String currency,
    long baseFeeMinor,
    long seatPriceMinor,
    Map<UsageType, UsagePrice> usagePrices) {

  public PlanVersion {
    usagePrices = Map.copyOf(usagePrices);
  }

  /** The terms for a usage type; a type the plan does not name is included zero times, free. */
  public UsagePrice price(UsageType type) {
    return usagePrices.getOrDefault(type, new UsagePrice(0, java.math.BigDecimal.ZERO));
  }

  /** "Business v2". */
  public String label() {
    return planName + " v" + version;
  }
}
