package dev.vigil.billing.cycle;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * An account's billing: sleeps until its month ends, drafts the month's invoice, hands it to an
 * invoice workflow, and continues as new with the next month. Workflow id: {@code
 * billing-<account>}.
 */
@WorkflowInterface
public interface BillingCycleWorkflow {

  String TASK_QUEUE = "billing";

  static String workflowId(long accountId) {
    return "billing-" + accountId;
  }

  @WorkflowMethod
  void run(BillingCycle cycle);

  /**
   * Changes the plan or the seat count from a stated instant. Serialized with drafting: a change
   * may not reach back before the month being billed, which no invoice has frozen yet.
   */
  @UpdateMethod
  long changeSubscription(SubscriptionChange change);

  @UpdateValidatorMethod(updateName = "changeSubscription")
  void validateChangeSubscription(SubscriptionChange change);

  @QueryMethod
  CycleStatus status();
}
