package dev.vigil.billing.rating;

import dev.vigil.billing.catalog.PlanVersion;
import java.util.List;

/**
 * An invoice as rated, before it is written: its lines in order and the usage breakdown.
 *
 * @param plan the plan version in force at the end of the period, whose quotas and prices rated the
 *     period's usage and whose currency the invoice is in
 * @param totalMinor the sum of the lines
 * @param taxMinor the sum of the tax lines (docs/decisions/0065)
 * @param taxNote what the invoice says of its tax besides its lines (the EU reverse charge's
 *     wording); null for nothing
 */
public record RatedInvoice(
    BillingPeriod period,
    PlanVersion plan,
    List<RatedLine> lines,
    List<RatedUsage> usage,
    long totalMinor,
    long taxMinor,
    String taxNote) {

  public RatedInvoice {
    lines = List.copyOf(lines);
    usage = List.copyOf(usage);
    long sum = lines.stream().mapToLong(RatedLine::amountMinor).sum();
    if (sum != totalMinor) {
      throw new IllegalArgumentException(
          "the total " + totalMinor + " is not the sum of the lines " + sum);
    }
    long tax =
        lines.stream()
            .filter(line -> line.kind().equals(RatedLine.TAX))
            .mapToLong(RatedLine::amountMinor)
            .sum();
    if (tax != taxMinor) {
      throw new IllegalArgumentException("the tax " + taxMinor + " is not its lines' " + tax);
    }
  }

  public String currency() {
    return plan.currency();
  }
}
