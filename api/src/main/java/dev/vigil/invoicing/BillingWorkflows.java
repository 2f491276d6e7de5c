package dev.vigil.invoicing;

import dev.vigil.billing.ledger.BillingWorkflowStarts;
import io.temporal.client.WorkflowClient;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
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
  private final JdbcClient jdbc;
  private final BillingWorkflowStarts starts;

  private final boolean resumeOnStart;

  BillingWorkflows(
      WorkflowClient temporal,
      JdbcClient jdbc,
      BillingWorkflowStarts starts,
      @Value("${vigil.billing.resume-on-start:true}") boolean resumeOnStart) {
    this.temporal = temporal;
    this.jdbc = jdbc;
    this.starts = starts;
    this.resumeOnStart = resumeOnStart;
  }

  /** Starts the account's cycle at the month it bills next; running already is fine. */
  public void startCycle(long accountId) {
    starts.cycle(temporal, accountId, nextMonthToBill(accountId));
  }

  void startInvoice(long invoiceId) {
    starts.invoice(temporal, invoiceId);
  }

  @EventListener(ApplicationReadyEvent.class)
  void resume() {
    if (!resumeOnStart) {
      return;
    }
    List<Long> accounts =
        jdbc.sql("select account_id from billing_profiles order by account_id")
            .query(Long.class)
            .list();
    accounts.forEach(this::startCycle);
    List<Long> unsettled =
        jdbc.sql("select id from invoices where status in ('draft', 'open') order by id")
            .query(Long.class)
            .list();
    unsettled.forEach(this::startInvoice);
    if (!accounts.isEmpty()) {
      log.info(
          "Billing: {} account cycles and {} unsettled invoices running",
          accounts.size(),
          unsettled.size());
    }
  }

  /** The month after the last one invoiced, or the first month billed. */
  private String nextMonthToBill(long accountId) {
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
}
