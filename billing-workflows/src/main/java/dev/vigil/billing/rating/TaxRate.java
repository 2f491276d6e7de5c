package dev.vigil.billing.rating;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A tax rate the operator charges in a jurisdiction from a date on (docs/decisions/0065).
 *
 * @param country ISO 3166-1 alpha-2
 * @param region the region's code within the country (a US state: {@code CA}); null for the whole
 *     country
 * @param name what the invoice calls it: VAT, GST, Sales tax
 * @param ratePercent the rate in percent, exactly as the operator gave it (at most four decimals)
 * @param effectiveFrom the first day it applies to, inclusive; a later rate of the same country,
 *     region and name replaces it from its own date
 */
public record TaxRate(
    long id,
    String country,
    String region,
    String name,
    BigDecimal ratePercent,
    LocalDate effectiveFrom) {

  public TaxRate {
    Objects.requireNonNull(country, "country");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(ratePercent, "ratePercent");
    Objects.requireNonNull(effectiveFrom, "effectiveFrom");
  }
}
