package dev.vigil.billing.rating;

import dev.vigil.billing.catalog.PlanVersion;
import java.time.Instant;
import java.util.Objects;

/**
 * A stretch of a billing period with one plan version and seat count: the period is cut into terms
 * at each subscription change, and each term is charged its share of the monthly fees.
 *
 * @param from inclusive
 * @param to exclusive
 */
public record SubscriptionTerm(Instant from, Instant to, PlanVersion plan, int seats) {

  public SubscriptionTerm {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(plan, "plan");
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("a term ends after it starts: " + from + " – " + to);
    }
    if (seats < 0) {
      throw new IllegalArgumentException("seats must be at least 0: " + seats);
    }
  }
}
