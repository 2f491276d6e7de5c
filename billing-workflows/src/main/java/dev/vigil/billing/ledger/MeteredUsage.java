package dev.vigil.billing.ledger;

import dev.vigil.billing.catalog.UsageType;
import java.time.Instant;
import java.time.YearMonth;

/**
 * Units of one usage type not billed yet, of notifications sent in one month of the billing time
 * zone, or in the part of it from {@code from} on when the month was cut where its plan changed.
 */
public record MeteredUsage(YearMonth month, Instant from, UsageType type, long units) {}
