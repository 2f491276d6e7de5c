package dev.vigil.billing.rating;

import dev.vigil.billing.catalog.PlanVersion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A stretch of a billing period under one plan version: consecutive subscription terms with the
 * same plan (a seat change does not cut one). Usage sent in a stretch is rated with its plan and a
 * share of its quotas, so a plan changed late in a month does not re-price the whole month.
 *
 * @param from inclusive; the first stretch starts with the period
 * @param to exclusive
 */
public record PlanStretch(Instant from, Instant to, PlanVersion plan) {

  /** The stretches of the period's terms, in order (terms as {@link InvoiceRater#rate} takes). */
  public static List<PlanStretch> of(BillingPeriod period, List<SubscriptionTerm> terms) {
    List<PlanStretch> stretches = new ArrayList<>();
    for (SubscriptionTerm term : terms) {
      PlanStretch last = stretches.isEmpty() ? null : stretches.get(stretches.size() - 1);
      if (last != null && last.plan().id() == term.plan().id()) {
        stretches.set(stretches.size() - 1, new PlanStretch(last.from(), term.to(), last.plan()));
      } else {
        Instant from = last == null ? period.start() : term.from();
        stretches.add(new PlanStretch(from, term.to(), term.plan()));
      }
    }
    return stretches;
  }

  /** Where usage must be cut into stretches: the start of every stretch but the first. */
  public static List<Instant> cuts(List<PlanStretch> stretches) {
    return stretches.stream().skip(1).map(PlanStretch::from).toList();
  }
}
