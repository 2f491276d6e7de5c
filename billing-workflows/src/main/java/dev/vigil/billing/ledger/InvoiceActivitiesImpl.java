package dev.vigil.billing.ledger;

import dev.vigil.billing.invoice.Adjustment;
import dev.vigil.billing.invoice.Approval;
import dev.vigil.billing.invoice.CheckPayment;
import dev.vigil.billing.invoice.Closure;
import dev.vigil.billing.invoice.CreditNoteRequest;
import dev.vigil.billing.invoice.InvoiceActivities;
import dev.vigil.billing.invoice.InvoiceFacts;
import dev.vigil.billing.invoice.InvoiceStanding;
import dev.vigil.billing.invoice.InvoiceStatus;
import dev.vigil.billing.invoice.IssuedInvoice;
import dev.vigil.billing.ledger.InvoiceLocks.Locked;
import io.temporal.activity.Activity;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The invoice ledger's changes. Each runs in one transaction holding the invoice's row lock, checks
 * the state it changes from, and is safe to retry: a retry after a commit finds its own work done.
 */
@Component
public class InvoiceActivitiesImpl implements InvoiceActivities {

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final InvoiceMail mail;
  private final InvoiceLocks locks;
  private final Payments payments;
  private final CreditNotes creditNotes;
  private final InvoiceNumbers numbers;
  private final InvoiceTaxes taxes;

  public InvoiceActivitiesImpl(
      JdbcClient jdbc,
      TransactionTemplate tx,
      InvoiceMail mail,
      InvoiceLocks locks,
      Payments payments,
      CreditNotes creditNotes,
      InvoiceNumbers numbers,
      InvoiceTaxes taxes) {
    this.taxes = taxes;
    this.jdbc = jdbc;
    this.tx = tx;
    this.mail = mail;
    this.locks = locks;
    this.payments = payments;
    this.creditNotes = creditNotes;
    this.numbers = numbers;
  }

  /**
   * The invoice's status is read after the facts' row is closed: a query inside another's row
   * mapper holds two pooled connections at once (see PlanCatalog).
   */
  @Override
  public InvoiceFacts load(long invoiceId) {
    InvoiceFacts facts =
        jdbc.sql(
                """
                select i.id, i.account_id, i.collection_method, i.due_at, b.reminder_offsets,
                       i.number, a.name as customer, i.currency, i.billing_time_zone,
                       i.issued_at, i.payment_attempts, i.next_payment_attempt_at
                from invoices i join billing_profiles b on b.account_id = i.account_id
                     join accounts a on a.id = i.account_id
                where i.id = :id
                """)
            .param("id", invoiceId)
            .query(
                (rs, n) -> {
                  Timestamp due = rs.getTimestamp("due_at");
                  List<Integer> offsets =
                      java.util.Arrays.stream(
                              (Integer[]) rs.getArray("reminder_offsets").getArray())
                          .sorted()
                          .toList();
                  return new InvoiceFacts(
                      rs.getLong("id"),
                      rs.getLong("account_id"),
                      rs.getString("collection_method").equals(CollectionMethod.CARD.code()),
                      null, // read below, once this row is closed
                      due == null ? 0 : due.getTime(),
                      offsets,
                      rs.getString("number"),
                      rs.getString("customer"),
                      rs.getString("currency"),
                      rs.getString("billing_time_zone"),
                      millis(rs.getTimestamp("issued_at")),
                      rs.getInt("payment_attempts"),
                      millis(rs.getTimestamp("next_payment_attempt_at")));
                })
            .single();
    return new InvoiceFacts(
        facts.invoiceId(),
        facts.accountId(),
        facts.card(),
        status(invoiceId),
        facts.dueAtMillis(),
        facts.reminderOffsetDays(),
        facts.number(),
        facts.customer(),
        facts.currency(),
        facts.billingTimeZone(),
        facts.issuedAtMillis(),
        facts.paymentAttempts(),
        facts.nextPaymentAttemptAtMillis());
  }

  private static long millis(Timestamp at) {
    return at == null ? 0 : at.getTime();
  }

  @Override
  public InvoiceStanding addAdjustments(long invoiceId, Approval adjustments) {
    return tx.execute(
        s -> {
          requireStatus(lock(invoiceId), InvoiceStatus.DRAFT, "adjusted");
          insertAdjustments(invoiceId, adjustments);
          return status(invoiceId);
        });
  }

  @Override
  public IssuedInvoice approve(long invoiceId, Approval approval, long atMillis) {
    return tx.execute(
        s -> {
          Locked invoice = lock(invoiceId);
          if (invoice.status() == InvoiceStatus.DRAFT) {
            insertAdjustments(invoiceId, approval);
            jdbc.sql("update invoices set approved_by = :user, approved_at = :at where id = :id")
                .param("user", approval.actor().userId())
                .param("at", Timestamp.from(Instant.ofEpochMilli(atMillis)))
                .param("id", invoiceId)
                .update();
            issue(invoiceId, atMillis, Duration.ofDays(invoice.netTermsDays()));
          } else if (invoice.status() != InvoiceStatus.OPEN
              && invoice.status() != InvoiceStatus.PAID) {
            throw new IllegalArgumentException("invoice is " + invoice.status());
          }
          return issued(invoiceId);
        });
  }

  @Override
  public IssuedInvoice issueCardInvoice(long invoiceId, long atMillis) {
    return tx.execute(
        s -> {
          if (lock(invoiceId).status() == InvoiceStatus.DRAFT) {
            issue(invoiceId, atMillis, Duration.ZERO);
          }
          return issued(invoiceId);
        });
  }

  /**
   * Draft to open, due after the terms; nothing due means paid on the spot. It takes the next
   * number of the series here, in this transaction (callers hold its row lock and found it a
   * draft), so an issue that rolls back leaves no gap (docs/decisions/0053). The customer's PO
   * number and bill-to address are copied as they are now: the invoice keeps what it was sent with.
   */
  private void issue(long invoiceId, long atMillis, Duration terms) {
    Instant at = Instant.ofEpochMilli(atMillis);
    jdbc.sql(
            """
            update invoices
            set number = :number,
                status = case when total_minor = 0 then 'paid' else 'open' end,
                issued_at = :at, due_at = :due,
                paid_at = case when total_minor = 0 then cast(:at as timestamptz) end,
                po_number = (select b.po_number from billing_profiles b
                             where b.account_id = invoices.account_id),
                bill_to_address = (select b.bill_to_address from billing_profiles b
                                   where b.account_id = invoices.account_id)
            where id = :id and status = 'draft'
            """)
        .param("number", numbers.next())
        .param("at", Timestamp.from(at))
        .param("due", Timestamp.from(at.plus(terms)))
        .param("id", invoiceId)
        .update();
  }

  @Override
  public void sendInvoice(long invoiceId) {
    mail.invoiceIssued(invoiceId);
  }

  @Override
  public void sendReminder(long invoiceId, int offsetDays) {
    InvoiceStanding status = status(invoiceId);
    if (status.status() == InvoiceStatus.OPEN && status.balanceMinor() > 0) {
      mail.reminder(invoiceId, offsetDays);
    }
  }

  @Override
  public InvoiceStanding recordCheck(long invoiceId, CheckPayment payment) {
    return tx.execute(
        s -> {
          Locked invoice = lock(invoiceId);
          var earlier = payments.recordedCheck(invoice.accountId(), payment.checkNumber());
          boolean again =
              earlier.isPresent()
                  && earlier.get()[0] == invoiceId
                  && earlier.get()[1] == payment.amountMinor();
          if (!again && earlier.isEmpty()) {
            requireStatus(invoice, InvoiceStatus.OPEN, "paid by check");
          }
          payments.receiveCheck(invoice, invoice.accountId(), invoice.currency(), payment, true);
          return status(invoiceId);
        });
  }

  @Override
  public InvoiceStanding recordCardPayment(
      long invoiceId, long amountMinor, String paymentReference) {
    return tx.execute(
        s -> {
          payments.receiveCard(lock(invoiceId), amountMinor, paymentReference);
          return status(invoiceId);
        });
  }

  @Override
  public InvoiceStanding issueCreditNote(long invoiceId, CreditNoteRequest request) {
    creditNotes.issue(invoiceId, request);
    return status(invoiceId);
  }

  @Override
  public void reportPaymentFailure(
      long invoiceId, int attempt, String message, long nextAttemptAtMillis) {
    jdbc.sql(
            """
            update invoices set payment_attempts = greatest(payment_attempts, :attempt),
                                last_payment_error = :message,
                                next_payment_attempt_at = :next
            where id = :id
            """)
        .param("attempt", attempt)
        .param("message", message)
        .param(
            "next",
            nextAttemptAtMillis == 0
                ? null
                : Timestamp.from(Instant.ofEpochMilli(nextAttemptAtMillis)))
        .param("id", invoiceId)
        .update();
    mail.paymentFailed(
        invoiceId,
        attempt,
        message,
        nextAttemptAtMillis == 0 ? null : Instant.ofEpochMilli(nextAttemptAtMillis));
  }

  @Override
  public void reportPaymentActionRequired(long invoiceId, int attempt, String actionUrl) {
    jdbc.sql(
            """
            update invoices set payment_attempts = greatest(payment_attempts, :attempt),
                                last_payment_error = 'authentication required',
                                next_payment_attempt_at = null
            where id = :id
            """)
        .param("attempt", attempt)
        .param("id", invoiceId)
        .update();
    mail.paymentActionRequired(invoiceId, attempt, actionUrl);
  }

  @Override
  public InvoiceStanding close(long invoiceId, String status, Closure closure, long atMillis) {
    return tx.execute(
        s -> {
          Locked invoice = lock(invoiceId);
          if (invoice.status().code().equals(status)) {
            return status(invoiceId);
          }
          if (invoice.status() != InvoiceStatus.DRAFT && invoice.status() != InvoiceStatus.OPEN) {
            throw new IllegalArgumentException("invoice is " + invoice.status());
          }
          jdbc.sql(
                  """
                  update invoices set status = :status, closed_at = :at, closed_by = :user,
                                      close_reason = :reason
                  where id = :id
                  """)
              .param("status", status)
              .param("at", Timestamp.from(Instant.ofEpochMilli(atMillis)))
              .param("user", closure.actor().userId())
              .param("reason", closure.reason().strip())
              .param("id", invoiceId)
              .update();
          if (status.equals(InvoiceStatus.VOID.code())) {
            // Credit this invoice used goes back to the account: a voided invoice consumed nothing.
            jdbc.sql(
                    """
                    insert into account_credits (account_id, currency, amount_minor, invoice_id,
                                                 description)
                    select account_id, currency, -sum(amount_minor), invoice_id, :description
                    from account_credits
                    where invoice_id = :id and amount_minor < 0
                    group by account_id, currency, invoice_id
                    """)
                .param("id", invoiceId)
                .param("description", "Credit returned: " + invoice.label() + " voided")
                .update();
          }
          return status(invoiceId);
        });
  }

  private void insertAdjustments(long invoiceId, Approval approval) {
    List<Adjustment> adjustments = approval.adjustments();
    if (adjustments.isEmpty()) {
      return;
    }
    // The activity's id is the same on every retry of one request: lines are added once.
    String request =
        Activity.getExecutionContext().getInfo().getWorkflowId()
            + "/"
            + Activity.getExecutionContext().getInfo().getActivityId();
    for (int i = 0; i < adjustments.size(); i++) {
      Adjustment adjustment = adjustments.get(i);
      jdbc.sql(
              """
              insert into invoice_lines (account_id, invoice_id, position, kind, description,
                                         amount_minor, unit_price_minor, reason, created_by,
                                         request_key)
              select account_id, id,
                     (select coalesce(max(position), 0) + 1 from invoice_lines
                      where invoice_id = :id),
                     'adjustment', :description, :amount, :amount, :reason, :user, :key
              from invoices where id = :id
              on conflict (invoice_id, request_key) do nothing
              """)
          .param("id", invoiceId)
          .param("description", adjustment.description().strip())
          .param("amount", adjustment.amountMinor())
          .param("reason", adjustment.reason().strip())
          .param("user", approval.actor().userId())
          .param("key", request + "/" + i)
          .update();
    }
    // Tax follows the taxable subtotal: a discount lowers it, a charge raises it.
    taxes.retax(invoiceId);
    returnUncoveredCredit(invoiceId);
    // The total is the sum of the lines, always: derived again, never added to.
    jdbc.sql(
            """
            update invoices set total_minor =
                (select coalesce(sum(amount_minor), 0) from invoice_lines where invoice_id = :id)
            where id = :id
            """)
        .param("id", invoiceId)
        .update();
  }

  /**
   * A discount on a draft whose credit already covered it lowers its tax too, which could take the
   * total below zero (the workflow's check saw the tax before the discount): the credit applied
   * shrinks by that much, and that much goes back to the account.
   */
  private void returnUncoveredCredit(long invoiceId) {
    long total =
        jdbc.sql("select coalesce(sum(amount_minor), 0) from invoice_lines where invoice_id = :id")
            .param("id", invoiceId)
            .query(Long.class)
            .single();
    if (total >= 0) {
      return;
    }
    jdbc.sql(
            """
            update invoice_lines set amount_minor = amount_minor - :total,
                                     unit_price_minor = unit_price_minor - :total
            where id = (select min(id) from invoice_lines
                        where invoice_id = :id and kind = 'account_credit')
            """)
        .param("total", total)
        .param("id", invoiceId)
        .update();
    jdbc.sql(
            """
            update account_credits set amount_minor = amount_minor - :total
            where id = (select min(id) from account_credits
                        where invoice_id = :id and amount_minor < 0)
            """)
        .param("total", total)
        .param("id", invoiceId)
        .update();
  }

  private IssuedInvoice issued(long invoiceId) {
    long due =
        jdbc.sql("select due_at from invoices where id = :id")
            .param("id", invoiceId)
            .query(Timestamp.class)
            .single()
            .getTime();
    String number =
        jdbc.sql("select number from invoices where id = :id")
            .param("id", invoiceId)
            .query(String.class)
            .single();
    return new IssuedInvoice(status(invoiceId), due, number);
  }

  InvoiceStanding status(long invoiceId) {
    return jdbc.sql(
            """
            select id, status, total_minor, amount_paid_minor, credited_minor from invoices
            where id = :id
            """)
        .param("id", invoiceId)
        .query(
            (rs, n) -> {
              long total = rs.getLong("total_minor");
              long paid = rs.getLong("amount_paid_minor");
              return new InvoiceStanding(
                  rs.getLong("id"),
                  InvoiceStatus.of(rs.getString("status")),
                  total,
                  paid,
                  Math.max(0, total - paid - rs.getLong("credited_minor")));
            })
        .single();
  }

  private Locked lock(long invoiceId) {
    return locks.lock(invoiceId);
  }

  private static void requireStatus(Locked invoice, InvoiceStatus required, String action) {
    if (invoice.status() != required) {
      throw new IllegalArgumentException(
          "invoice " + invoice.label() + " is " + invoice.status() + " and cannot be " + action);
    }
  }
}
