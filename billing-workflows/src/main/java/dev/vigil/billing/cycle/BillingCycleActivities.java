package dev.vigil.billing.cycle;

import io.temporal.activity.ActivityInterface;

/** What a billing cycle does outside the workflow: read the calendar, draft, record changes. */
@ActivityInterface
public interface BillingCycleActivities {

  /** The month's bounds in the account's billing time zone. */
  PeriodWindow period(long accountId, String month);

  /** Rates the month and drafts its invoice; drafting a month twice returns the first invoice. */
  long draftInvoice(long accountId, String month);

  /** Starts the invoice's workflow; one that runs already is left alone. */
  void startInvoiceWorkflow(long invoiceId);

  /**
   * Emails the account's usage alerts its month has crossed by {@code asOfMillis} and not sent yet
   * (docs/decisions/0037); returns how many went out.
   */
  int checkUsageAlerts(long accountId, long asOfMillis);

  /** Records a plan or seat change; unknown plans are refused. Returns the change's id. */
  long recordSubscriptionChange(long accountId, SubscriptionChange change);
}
