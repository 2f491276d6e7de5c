package dev.vigil.billing.invoice;

import java.util.List;

/** An accountant's approval of a draft, with any last adjustments. */
public record Approval(Actor actor, List<Adjustment> adjustments) {

  public Approval {
    adjustments = adjustments == null ? List.of() : List.copyOf(adjustments);
  }
}
