package dev.vigil.billing.mail;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Billing mail (invoices, reminders, payment notices) kept for the dev inbox because no SMTP relay
 * is configured, newest first. Mail that went out through a real relay is not listed: the dev inbox
 * has no login.
 */
@Component
public class KeptBillingMail {

  private final JdbcClient jdbc;

  KeptBillingMail(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public List<BillingMessage> latest(int limit) {
    return jdbc.sql(
            """
            select id, account_id, invoice_id, kind, recipient as "to", subject, body,
                   attachment_name, created_at
            from billing_emails where provider = 'dev-inbox' order by id desc limit ?""")
        .param(limit)
        .query(BillingMessage.class)
        .list();
  }

  /** One account's kept billing mail, newest first (the console's inbox). */
  public List<BillingMessage> latest(long accountId, int limit) {
    return jdbc.sql(
            """
            select id, account_id, invoice_id, kind, recipient as "to", subject, body,
                   attachment_name, created_at
            from billing_emails where provider = 'dev-inbox' and account_id = ?
            order by id desc limit ?""")
        .param(accountId)
        .param(limit)
        .query(BillingMessage.class)
        .list();
  }

  /** A kept billing mail of that account; empty for another account's mail. */
  public Optional<BillingMessage> find(long accountId, long id) {
    return jdbc.sql(
            """
            select id, account_id, invoice_id, kind, recipient as "to", subject, body,
                   attachment_name, created_at
            from billing_emails where provider = 'dev-inbox' and account_id = ? and id = ?""")
        .param(accountId)
        .param(id)
        .query(BillingMessage.class)
        .optional();
  }

  /**
   * @param attachmentName the file that was attached (the invoice PDF); its bytes are not kept
   */
  public record BillingMessage(
      long id,
      long accountId,
      Long invoiceId,
      String kind,
      String to,
      String subject,
      String body,
      String attachmentName,
      Instant createdAt) {}
}
