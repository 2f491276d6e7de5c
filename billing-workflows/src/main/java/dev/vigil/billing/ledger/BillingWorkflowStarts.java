package dev.vigil.billing.ledger;

import dev.vigil.billing.cycle.BillingCycle;
import dev.vigil.billing.cycle.BillingCycleWorkflow;
import dev.vigil.billing.invoice.InvoiceVisibility;
import dev.vigil.billing.invoice.InvoiceWorkflow;
import dev.vigil.search.SearchAttributeRegistration;
import dev.vigil.search.VigilSearchAttributes;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Starts billing workflows by their ids, idempotently: the id is the account or the invoice, so a
 * start that finds its workflow running leaves it alone. Used by the cycle when it has drafted an
 * invoice, and by the application when billing is set up or resumes after a restart. Each start
 * carries a summary and, when the namespace has them, Vigil's search attributes for the Temporal
 * UI.
 */
@Component
public class BillingWorkflowStarts {

  private final JdbcClient jdbc;
  private final SearchAttributeRegistration searchAttributes;

  public BillingWorkflowStarts(JdbcClient jdbc, SearchAttributeRegistration searchAttributes) {
    this.jdbc = jdbc;
    this.searchAttributes = searchAttributes;
  }

  /** Starts the account's cycle at a month (2026-11); false when it runs already. */
  public boolean cycle(WorkflowClient client, long accountId, String month) {
    String customer =
        jdbc.sql("select name from accounts where id = :id")
            .param("id", accountId)
            .query(String.class)
            .single();
    WorkflowOptions options =
        options(
            BillingCycleWorkflow.workflowId(accountId),
            "Billing cycle of " + customer,
            SearchAttributes.newBuilder().set(VigilSearchAttributes.ACCOUNT_ID, accountId).build());
    BillingCycleWorkflow cycle = client.newWorkflowStub(BillingCycleWorkflow.class, options);
    return start(() -> WorkflowClient.start(cycle::run, new BillingCycle(accountId, month)));
  }

  /** Starts the invoice's workflow; false when it runs already. */
  public boolean invoice(WorkflowClient client, long invoiceId) {
    WorkflowOptions options =
        jdbc.sql(
                """
                select i.account_id, i.number, i.status, a.name, i.period_start, i.billing_time_zone
                from invoices i join accounts a on a.id = i.account_id
                where i.id = :id
                """)
            .param("id", invoiceId)
            .query(
                (rs, n) -> {
                  // A draft has no number until it is issued (docs/decisions/0053).
                  String number = rs.getString("number");
                  String month =
                      YearMonth.from(
                              rs.getTimestamp("period_start")
                                  .toInstant()
                                  .atZone(ZoneId.of(rs.getString("billing_time_zone"))))
                          .toString();
                  return options(
                      InvoiceWorkflow.workflowId(invoiceId),
                      (number == null ? "Draft invoice #" + invoiceId : "Invoice " + number)
                          + " "
                          + rs.getString("name")
                          + ", "
                          + month,
                      InvoiceVisibility.atStart(
                          rs.getLong("account_id"), number, rs.getString("status")));
                })
            .single();
    InvoiceWorkflow invoice = client.newWorkflowStub(InvoiceWorkflow.class, options);
    return start(() -> WorkflowClient.start(invoice::run, invoiceId));
  }

  /** Accounts with billing set up: each has a cycle. */
  public List<Long> billedAccounts() {
    return jdbc.sql("select account_id from billing_profiles order by account_id")
        .query(Long.class)
        .list();
  }

  /** Invoices not settled yet (draft or open): each has a running workflow. */
  public List<Long> unsettledInvoices() {
    return jdbc.sql("select id from invoices where status in ('draft', 'open') order by id")
        .query(Long.class)
        .list();
  }

  /** The month after the last one invoiced, or the first month billed (2026-11). */
  public String nextMonthToBill(long accountId) {
    return jdbc.sql(
            """
            select b.billing_time_zone, b.billing_starts_at,
                   (select max(period_start) from invoices i where i.account_id = b.account_id)
                       as last_invoiced
            from billing_profiles b where b.account_id = :account
            """)
        .param("account", accountId)
        .query(
            (rs, n) -> {
              ZoneId zone = ZoneId.of(rs.getString("billing_time_zone"));
              java.sql.Timestamp last = rs.getTimestamp("last_invoiced");
              if (last != null) {
                return YearMonth.from(last.toInstant().atZone(zone)).plusMonths(1).toString();
              }
              return YearMonth.from(rs.getTimestamp("billing_starts_at").toInstant().atZone(zone))
                  .toString();
            })
        .single();
  }

  private WorkflowOptions options(
      String workflowId, String summary, SearchAttributes vigilAttributes) {
    WorkflowOptions.Builder options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(workflowId)
            .setTaskQueue(BillingCycleWorkflow.TASK_QUEUE)
            .setStaticSummary(summary);
    if (searchAttributes.registered()) {
      options.setTypedSearchAttributes(vigilAttributes);
    }
    return options.build();
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
