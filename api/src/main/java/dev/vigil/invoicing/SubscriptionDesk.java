package dev.vigil.invoicing;

import dev.vigil.auth.ApiCaller;
import dev.vigil.billing.catalog.PlanCatalog;
import dev.vigil.billing.catalog.PlanVersion;
import dev.vigil.billing.ledger.BillingProfile;
import dev.vigil.billing.ledger.Subscriptions;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The operator's plan and seat changes as the console makes them: through the REST API's own {@code
 * POST /operator/accounts/{id}/billing/subscription} (its checks, the billing cycle's update and
 * its refusals), so a form and an API call cannot differ (docs/decisions/0046). Refusals are the
 * API's {@code ApiException}s.
 */
@Component
public class SubscriptionDesk {

  private final BillingController billing;
  private final PlanCatalog catalog;
  private final Subscriptions subscriptions;

  SubscriptionDesk(BillingController billing, PlanCatalog catalog, Subscriptions subscriptions) {
    this.billing = billing;
    this.catalog = catalog;
    this.subscriptions = subscriptions;
  }

  /** The plans on offer at their current versions, as {@code GET /billing/plans} lists them. */
  public List<PlanVersion> plans() {
    return catalog.currentVersions();
  }

  /** The plan and seats in force at that instant, if billing has started by then. */
  public Optional<Subscriptions.InForce> inForceAt(long accountId, Instant at) {
    return subscriptions.inForceAt(accountId, at);
  }

  /** Where the account's next billing month begins: a calendar month in its billing time zone. */
  public static Instant nextPeriodStart(BillingProfile profile, Instant now) {
    return YearMonth.from(now.atZone(profile.billingTimeZone()))
        .plusMonths(1)
        .atDay(1)
        .atStartOfDay(profile.billingTimeZone())
        .toInstant();
  }

  /**
   * Changes the account's plan and seats from {@code effectiveAt} (null: now), with the reason
   * recorded beside the change; answers the change's id.
   */
  public long change(
      ApiCaller caller,
      long accountId,
      String plan,
      Integer seats,
      Instant effectiveAt,
      String reason) {
    var answer =
        billing.changeSubscription(
            caller,
            accountId,
            new BillingController.SubscriptionRequest(plan, seats, effectiveAt, reason));
    @SuppressWarnings("unchecked")
    var change = (java.util.Map<String, Object>) answer.get("subscription_change");
    return ((Number) change.get("id")).longValue();
  }
}
