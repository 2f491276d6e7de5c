package dev.vigil.billing.ledger;

import dev.vigil.billing.cycle.BillingCycle;
import dev.vigil.billing.cycle.BillingCycleWorkflow;
import dev.vigil.billing.invoice.InvoiceWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;

/**
 * Starts billing workflows by their ids, idempotently: the id is the account or the invoice, so a
 * start that finds its workflow running leaves it alone. Used by the cycle when it has drafted an
 * invoice, and by the application when billing is set up or resumes after a restart.
 */
public final class BillingWorkflowStarts {

  private BillingWorkflowStarts() {}

  /** Starts the account's cycle at a month (2026-11); false when it runs already. */
  public static boolean cycle(WorkflowClient client, long accountId, String month) {
    BillingCycleWorkflow cycle =
        client.newWorkflowStub(
            BillingCycleWorkflow.class, options(BillingCycleWorkflow.workflowId(accountId)));
    return start(() -> WorkflowClient.start(cycle::run, new BillingCycle(accountId, month)));
  }

  /** Starts the invoice's workflow; false when it runs already. */
  public static boolean invoice(WorkflowClient client, long invoiceId) {
    InvoiceWorkflow invoice =
        client.newWorkflowStub(
            InvoiceWorkflow.class, options(InvoiceWorkflow.workflowId(invoiceId)));
    return start(() -> WorkflowClient.start(invoice::run, invoiceId));
  }

  private static WorkflowOptions options(String workflowId) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(workflowId)
        .setTaskQueue(BillingCycleWorkflow.TASK_QUEUE)
        .build();
  }

  private static boolean start(Runnable start) {
    try {
      start.run();
      return true;
    } catch (WorkflowExecutionAlreadyStarted running) {
      return false;
    }
  }
}
