package dev.vigil.billing.rating;

import dev.vigil.billing.catalog.PlanVersion;
import dev.vigil.billing.catalog.UsageType;
import java.time.Instant;
import java.util.Objects;

/**
 * Usage of an earlier period that its invoice did not bill: sent before that invoice was drafted
 * but recorded after, or a call whose duration arrived later. It is rated as it would have been on
 * time, on top of what the earlier period already billed, with that period's plan version.
 *
 * @param periodStart start of the earlier period the usage belongs to
 * @param billedUnits units of this type the earlier period's invoices already billed
 * @param lateUnits units not billed yet
 * @param plan the plan version that rated the earlier period
 */
public record LateUsage(
    Instant periodStart, UsageType type, long billedUnits, long lateUnits, PlanVersion plan) {

  public LateUsage {
    Objects.requireNonNull(periodStart, "periodStart");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(plan, "plan");
    if (billedUnits < 0 || lateUnits < 0) {
      throw new IllegalArgumentException(
          "units cannot be negative: billed " + billedUnits + ", late " + lateUnits);
    }
  }
}
