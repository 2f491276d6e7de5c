package dev.vigil.billing.cycle;

import dev.vigil.billing.invoice.InvoiceWorkflow;
import dev.vigil.refusal.Refusal;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;

/**
 * One month of an account's billing per run. Each invoice gets a workflow of its own, started by an
 * activity rather than as a child: a check invoice waits weeks for payment while the cycle has long
 * continued as new, and nothing of the invoice's life belongs in the cycle's history.
 */
public class BillingCycleWorkflowImpl implements BillingCycleWorkflow {

  /**
   * How long after midnight the month is drafted. Delivery reports (SMS segments, call durations)
   * of messages sent just before midnight arrive within minutes; an hour catches nearly all of
   * them, and whatever comes later is billed on the next invoice as late usage, never lost.
   */
  static final Duration DRAFT_DELAY = Duration.ofHours(1);

  /**
   * How often the month's usage is checked against the account's usage alerts: three times a day
   * warns of a storm's bill within hours, at 90 activities a month per account.
   */
  static final Duration USAGE_CHECK_EVERY = Duration.ofHours(8);

  /** {@code Workflow.getVersion} change id of checking usage alerts while the month runs. */
  static final String USAGE_ALERTS = "usage-alerts";

  static final int USAGE_ALERTS_V1 = 1;

  private final BillingCycleActivities activities =
      Workflow.newActivityStub(
          BillingCycleActivities.class,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofMinutes(5))
              .setRetryOptions(
                  RetryOptions.newBuilder()
                      .setMaximumInterval(Duration.ofMinutes(10))
                      .setDoNotRetry(IllegalArgumentException.class.getName())
                      .build())
              .build());

  private BillingCycle cycle;
  private PeriodWindow window;
  private boolean drafting;

  @Override
  public void run(BillingCycle cycle) {
    this.cycle = cycle;
    window = activities.period(cycle.accountId(), cycle.month());
    long draftAt = window.endMillis() + DRAFT_DELAY.toMillis();
    // Current details are workflow metadata for the Temporal UI, not commands: no history change.
    Workflow.setCurrentDetails(
        "Billing " + cycle.month() + ": invoice to be drafted at " + Instant.ofEpochMilli(draftAt));
    // Version 1: the month's usage is checked against the usage alerts as it runs. Runs recorded
    // before it sleep until the draft.
    boolean checksUsage =
        Workflow.getVersion(USAGE_ALERTS, Workflow.DEFAULT_VERSION, USAGE_ALERTS_V1)
            == USAGE_ALERTS_V1;
    while (Workflow.currentTimeMillis() < draftAt) {
      long now = Workflow.currentTimeMillis();
      long wakeAt = checksUsage ? Math.min(draftAt, now + USAGE_CHECK_EVERY.toMillis()) : draftAt;
      Workflow.sleep(Duration.ofMillis(wakeAt - now));
      if (checksUsage && Workflow.currentTimeMillis() < draftAt) {
        activities.checkUsageAlerts(cycle.accountId(), Workflow.currentTimeMillis());
      }
    }
    // Changes accepted before the draft are recorded before it rates the month.
    Workflow.await(Workflow::isEveryHandlerFinished);
    drafting = true;
    Workflow.setCurrentDetails("Billing " + cycle.month() + ": drafting the invoice");
    long invoiceId = activities.draftInvoice(cycle.accountId(), cycle.month());
    Workflow.setCurrentDetails(
        "Billing "
            + cycle.month()
            + ": invoice drafted, workflow "
            + InvoiceWorkflow.workflowId(invoiceId));

    activities.startInvoiceWorkflow(invoiceId);

    Workflow.await(Workflow::isEveryHandlerFinished);
    String next = YearMonth.parse(cycle.month()).plusMonths(1).toString();
    Workflow.continueAsNew(new BillingCycle(cycle.accountId(), next));
  }

  @Override
  public void validateChangeSubscription(SubscriptionChange change) {
    if (window == null) {
      throw Refusal.wrongState("the billing cycle is starting; try again");
    }
    if (change.actor() == null || !change.actor().mayChangePlan()) {
      throw Refusal.notAllowed(
          "only the admin and accountant roles and the operator may change the subscription");
    }
    if (change.planCode() == null || change.planCode().isBlank()) {
      throw Refusal.invalidField("plan", "is required");
    }
    if (change.seats() < 0) {
      throw Refusal.invalidField("seats", "must not be negative");
    }
    if (drafting && change.effectiveAtMillis() < window.endMillis()) {
      throw Refusal.invalidField(
          "effective_at",
          cycle.month() + " is being invoiced; a change must take effect from the next month");
    }
    if (change.effectiveAtMillis() < window.startMillis()) {
      throw Refusal.invalidField(
          "effective_at",
          "must not be before the start of the month being billed ("
              + cycle.month()
              + "); earlier months are invoiced already");
    }
  }

  @Override
  public long changeSubscription(SubscriptionChange change) {
    return activities.recordSubscriptionChange(cycle.accountId(), change);
  }

  @Override
  public CycleStatus status() {
    if (window == null) {
      return new CycleStatus(cycle.accountId(), cycle.month(), 0, 0, 0);
    }
    return new CycleStatus(
        cycle.accountId(),
        cycle.month(),
        window.startMillis(),
        window.endMillis(),
        window.endMillis() + DRAFT_DELAY.toMillis());
  }
}
