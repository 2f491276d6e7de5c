package dev.vigil.devinbox;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads what the dev inbox provider delivered, and the billing mail kept for it because no SMTP
 * relay is configured, newest first.
 */
@Component
public class DevInbox {

  private final JdbcClient jdbc;

  DevInbox(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  List<Message> latest(int limit) {
    return jdbc.sql(
            """
            select id, channel, recipient as "to", subject, body, incident_number, created_at
            from dev_inbox_messages order by id desc limit ?""")
        .param(limit)
        .query(Message.class)
        .list();
  }

  /** What was delivered to one account's people, newest first: the console's inbox page. */
  public List<Message> latest(long accountId, int limit) {
    return jdbc.sql(
            """
            select id, channel, recipient as "to", subject, body, incident_number, created_at
            from dev_inbox_messages where account_id = ? order by id desc limit ?""")
        .params(accountId, limit)
        .query(Message.class)
        .list();
  }

  /**
   * Billing mail (invoices, reminders, payment notices) kept for the dev inbox. Mail that went out
   * through a real relay is not shown here: this page has no login.
   */
  List<BillingMessage> latestBilling(int limit) {
    return jdbc.sql(
            """
            select id, account_id, invoice_id, kind, recipient as "to", subject, body,
                   attachment_name, created_at
            from billing_emails where provider = 'dev-inbox' order by id desc limit ?""")
        .param(limit)
        .query(BillingMessage.class)
        .list();
  }

  public record Message(
      long id,
      String channel,
      String to,
      String subject,
      String body,
      long incidentNumber,
      Instant createdAt) {}

  /**
   * @param attachmentName the file that was attached (the invoice PDF); its bytes are not kept
   */
  record BillingMessage(
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
