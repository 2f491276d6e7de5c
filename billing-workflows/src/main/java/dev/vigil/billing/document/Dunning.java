package dev.vigil.billing.document;

import dev.vigil.billing.invoice.InvoiceStatus;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Where the collection of open invoices stands, as the invoice workflows record it: invoices past
 * their due date or with a declined card charge, the reminders their billing contact was sent, when
 * the next is due (the profile's reminder days after the due date, as the workflow waits for them),
 * and the card charges tried, the next one's time and the last decline.
 */
@Component
public class Dunning {

  private final JdbcClient jdbc;

  public Dunning(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * An open invoice being collected.
   *
   * @param nextReminderAt null when no reminder is left to send
   * @param nextPaymentAttemptAt null when no card charge is scheduled
   */
  public record InvoiceDunning(
      long invoiceId,
      long accountId,
      String accountName,
      String number,
      String currency,
      long balanceMinor,
      Instant dueAt,
      int remindersSent,
      Instant lastReminderAt,
      Instant nextReminderAt,
      int paymentAttempts,
      Instant nextPaymentAttemptAt,
      String lastPaymentError) {

    public boolean overdue(Instant now) {
      return dueAt != null && dueAt.isBefore(now);
    }
  }

  /**
   * Open invoices past due or with a declined card charge, the longest overdue first; of one
   * account, or of every account when {@code accountId} is null.
   */
  public List<InvoiceDunning> open(Long accountId, Instant now, int limit) {
    return jdbc.sql(
            """
            select i.id, i.account_id, a.name as account_name, i.number, i.currency,
                   i.total_minor, i.amount_paid_minor + i.credited_minor as settled_minor,
                   i.due_at, i.payment_attempts, i.next_payment_attempt_at, i.last_payment_error,
                   coalesce(b.reminder_offsets, '{}') as reminder_offsets,
                   (select count(*) from billing_emails e
                     where e.invoice_id = i.id and e.kind = 'reminder') as reminders_sent,
                   (select max(e.created_at) from billing_emails e
                     where e.invoice_id = i.id and e.kind = 'reminder') as last_reminder_at
            from invoices i
            join accounts a on a.id = i.account_id
            left join billing_profiles b on b.account_id = i.account_id
            where i.status = :open
              and (cast(:account as bigint) is null or i.account_id = :account)
              and (i.due_at < :now or i.payment_attempts > 0)
            order by i.due_at, i.id
            limit :limit""")
        .param("open", InvoiceStatus.OPEN.code())
        .param("account", accountId)
        .param("now", java.sql.Timestamp.from(now))
        .param("limit", limit)
        .query((rs, n) -> row(rs, now))
        .list();
  }

  private static InvoiceDunning row(ResultSet rs, Instant now) throws SQLException {
    Instant dueAt = InvoiceReader.instant(rs, "due_at");
    return new InvoiceDunning(
        rs.getLong("id"),
        rs.getLong("account_id"),
        rs.getString("account_name"),
        rs.getString("number"),
        rs.getString("currency"),
        InvoiceReader.balance(rs.getLong("total_minor"), rs.getLong("settled_minor")),
        dueAt,
        rs.getInt("reminders_sent"),
        InvoiceReader.instant(rs, "last_reminder_at"),
        nextReminder(dueAt, offsets(rs.getArray("reminder_offsets")), now),
        rs.getInt("payment_attempts"),
        InvoiceReader.instant(rs, "next_payment_attempt_at"),
        rs.getString("last_payment_error"));
  }

  /** The first reminder day still ahead: the workflow sends each at due date plus its days. */
  static Instant nextReminder(Instant dueAt, List<Integer> offsetDays, Instant now) {
    if (dueAt == null) {
      return null;
    }
    return offsetDays.stream()
        .sorted()
        .map(days -> dueAt.plus(Duration.ofDays(days)))
        .filter(at -> at.isAfter(now))
        .findFirst()
        .orElse(null);
  }

  private static List<Integer> offsets(Array array) throws SQLException {
    return Arrays.asList((Integer[]) array.getArray());
  }
}
