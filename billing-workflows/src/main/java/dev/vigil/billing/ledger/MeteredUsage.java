package dev.vigil.billing.ledger;

import dev.vigil.billing.catalog.UsageType;
import java.time.YearMonth;

/**
 * Units of one usage type not billed yet, of notifications sent in one month of the billing time
 * zone.
 */
public record MeteredUsage(YearMonth month, UsageType type, long units) {}
