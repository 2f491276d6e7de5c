package dev.vigil.billing.rating;

import dev.vigil.billing.catalog.UsageType;
import java.time.Instant;

/**
 * One row of an invoice's usage breakdown: the units of a type the invoice rated for a period (its
 * own, or an earlier one for late usage), the quota that applied, and the units beyond it that were
 * charged. For late usage, units are the late units only and billable units those of them that went
 * over the earlier quota, so summing the rows of all invoices for a period gives its totals.
 */
public record RatedUsage(
    UsageType type, Instant periodStart, long units, long includedUnits, long billableUnits) {}
