package dev.vigil.invoicing;

import dev.vigil.billing.ledger.BillingWorkflowStarts;
import io.temporal.client.WorkflowClient;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Starts billing workflows: an account's cycle when billing is set up, and, on every start of the
 * application, any cycle or open invoice whose workflow is not running. On a Temporal cluster they
 * all run already and each start is a no-op; the embedded dev server keeps nothing across restarts,
 * and this puts billing back where the ledger says it is.
 */
@Component
public class BillingWorkflows {

  private static final Logger log = LoggerFactory.getLogger(BillingWorkflows.class);

  private final WorkflowClient temporal;
  private final BillingWorkflowStarts starts;

  private final boolean resumeOnStart;

  BillingWorkflows(
      WorkflowClient temporal,
      BillingWorkflowStarts starts,
      @Value("${vigil.billing.resume-on-start:true}") boolean resumeOnStart) {
    this.temporal = temporal;
    this.starts = starts;
    this.resumeOnStart = resumeOnStart;
  }

  /** Starts the account's cycle at the month it bills next; running already is fine. */
  public void startCycle(long accountId) {
    starts.cycle(temporal, accountId, starts.nextMonthToBill(accountId));
  }

  void startInvoice(long invoiceId) {
    starts.invoice(temporal, invoiceId);
  }

  @EventListener(ApplicationReadyEvent.class)
  void resume() {
    if (!resumeOnStart) {
      return;
    }
    List<Long> accounts = starts.billedAccounts();
    accounts.forEach(this::startCycle);
    List<Long> unsettled = starts.unsettledInvoices();
    unsettled.forEach(this::startInvoice);
    if (!accounts.isEmpty()) {
      log.info(
          "Billing: {} account cycles and {} unsettled invoices running",
          accounts.size(),
          unsettled.size());
    }
  }
}
