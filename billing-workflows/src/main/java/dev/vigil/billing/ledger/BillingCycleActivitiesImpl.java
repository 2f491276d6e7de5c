package dev.vigil.billing.ledger;

import dev.vigil.billing.cycle.BillingCycleActivities;
import dev.vigil.billing.cycle.PeriodWindow;
import dev.vigil.billing.cycle.SubscriptionChange;
import dev.vigil.billing.problem.BillingProblem;
import dev.vigil.billing.problem.BillingProblems;
import dev.vigil.billing.rating.BillingPeriod;
import io.temporal.activity.Activity;
import java.time.Instant;
import java.time.YearMonth;
import org.springframework.stereotype.Component;

/** The billing cycle's activities, on the ledger in PostgreSQL. */
@Component
public class BillingCycleActivitiesImpl implements BillingCycleActivities {

  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(BillingCycleActivitiesImpl.class);

  private final BillingProfiles profiles;
  private final InvoiceDrafter drafter;
  private final Subscriptions subscriptions;
  private final BillingWorkflowStarts starts;
  private final UsageAlerts usageAlerts;
  private final BillingProblems problems;

  public BillingCycleActivitiesImpl(
      BillingProfiles profiles,
      InvoiceDrafter drafter,
      Subscriptions subscriptions,
      BillingWorkflowStarts starts,
      UsageAlerts usageAlerts,
      BillingProblems problems) {
    this.problems = problems;
    this.usageAlerts = usageAlerts;
    this.profiles = profiles;
    this.drafter = drafter;
    this.subscriptions = subscriptions;
    this.starts = starts;
  }

  @Override
  public PeriodWindow period(long accountId, String month) {
    BillingPeriod period =
        new BillingPeriod(YearMonth.parse(month), profiles.get(accountId).billingTimeZone());
    return new PeriodWindow(month, period.start().toEpochMilli(), period.end().toEpochMilli());
  }

  @Override
  public int checkUsageAlerts(long accountId, long asOfMillis) {
    // A warning must never stop the bill: whatever fails here is tried at the next check.
    try {
      return usageAlerts.notify(accountId, java.time.Instant.ofEpochMilli(asOfMillis));
    } catch (RuntimeException e) {
      log.warn("Usage alerts of account {} not checked: {}", accountId, e.toString());
      return 0;
    }
  }

  @Override
  public long draftInvoice(long accountId, String month) {
    // A draft that keeps failing is retried, and the operator hears of it (docs/decisions/0044).
    return problems.watch(
        accountId,
        null,
        BillingProblem.DRAFT,
        () -> drafter.draft(accountId, YearMonth.parse(month)));
  }

  @Override
  public void startInvoiceWorkflow(long invoiceId) {
    // A retry after the start went through finds it running, and leaves it be.
    starts.invoice(Activity.getExecutionContext().getWorkflowClient(), invoiceId);
  }

  @Override
  public long recordSubscriptionChange(long accountId, SubscriptionChange change) {
    return subscriptions.record(
        accountId,
        change.planCode(),
        change.seats(),
        Instant.ofEpochMilli(change.effectiveAtMillis()),
        change.reason() == null ? "" : change.reason());
  }
}
