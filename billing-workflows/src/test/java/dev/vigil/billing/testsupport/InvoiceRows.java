package dev.vigil.billing.testsupport;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What the ledger holds about invoices, read the way a test checks it. */
public final class InvoiceRows {

  private final JdbcClient jdbc;

  public InvoiceRows(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The account's one invoice in that status. */
  public long only(long accountId, String status) {
    return jdbc.sql("select id from invoices where account_id = ? and status = ?")
        .params(accountId, status)
        .query(Long.class)
        .single();
  }

  /** The account's one invoice, whatever its status. */
  public long only(long accountId) {
    return jdbc.sql("select id from invoices where account_id = ?")
        .param(accountId)
        .query(Long.class)
        .single();
  }

  public long forPeriod(long accountId, Instant periodStart) {
    return jdbc.sql("select id from invoices where account_id = ? and period_start = ?")
        .params(accountId, Timestamp.from(periodStart))
        .query(Long.class)
        .single();
  }

  /** Line amounts in minor units, in the invoice's order. */
  public List<Long> amounts(long invoiceId) {
    return jdbc.sql("select amount_minor from invoice_lines where invoice_id = ? order by position")
        .param(invoiceId)
        .query(Long.class)
        .list();
  }

  public long total(long invoiceId) {
    return jdbc.sql("select total_minor from invoices where id = ?")
        .param(invoiceId)
        .query(Long.class)
        .single();
  }

  public String status(long invoiceId) {
    return jdbc.sql("select status from invoices where id = ?")
        .param(invoiceId)
        .query(String.class)
        .single();
  }

  public Instant dueAt(long invoiceId) {
    return jdbc.sql("select due_at from invoices where id = ?")
        .param(invoiceId)
        .query(Timestamp.class)
        .single()
        .toInstant();
  }

  /** Billing mail about the invoice of one kind (invoice, reminder, payment_failed). */
  public int mails(long invoiceId, String kind) {
    return jdbc.sql("select count(*) from billing_emails where invoice_id = ? and kind = ?")
        .params(invoiceId, kind)
        .query(Integer.class)
        .single();
  }
}
