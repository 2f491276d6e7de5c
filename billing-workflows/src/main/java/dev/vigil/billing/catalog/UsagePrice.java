package dev.vigil.billing.catalog;

import java.math.BigDecimal;

/**
 * A plan's terms for one usage type.
 *
 * @param includedUnits units in the monthly fee
 * @param overagePriceMinor the price of each unit beyond them, in minor units of the plan's
 *     currency; finer than a minor unit (0.75 cents), so the line, not the unit, is rounded
 */
public record UsagePrice(long includedUnits, BigDecimal overagePriceMinor) {}
