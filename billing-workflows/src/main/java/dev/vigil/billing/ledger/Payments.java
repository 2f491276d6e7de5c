package dev.vigil.billing.ledger;

import dev.vigil.billing.invoice.CheckPayment;
import dev.vigil.billing.invoice.InvoiceStatus;
import dev.vigil.refusal.Refusal;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Money received: the one writer of {@code payments}. No payment is refused for the state of the
 * invoice it names (docs/decisions/0043): what the invoice's open balance can take pays it, the
 * rest (all of it, on an invoice that is paid, void or written off, or on none) is held as account
 * credit. Callers hold the invoice's row lock ({@link InvoiceLocks}) in the same transaction.
 */
@Component
public class Payments {

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final InvoiceLocks locks;
  private final InvoiceBalances balances;

  public Payments(
      JdbcClient jdbc, TransactionTemplate tx, InvoiceLocks locks, InvoiceBalances balances) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.locks = locks;
    this.balances = balances;
  }

  /**
   * A check or transfer for an invoice that is not open (draft, paid, void, written off): held
   * whole as account credit. An open invoice's payments go through its workflow instead, which must
   * know its balance.
   */
  public void receiveOnClosedInvoice(long invoiceId, CheckPayment payment) {
    tx.executeWithoutResult(
        s -> {
          InvoiceLocks.Locked invoice = locks.lock(invoiceId);
          if (invoice.status() == InvoiceStatus.OPEN && !invoice.card()) {
            throw Refusal.wrongStateFailure(
                "invoice " + invoice.label() + " is open: its workflow records its payments");
          }
          // A check for an open card invoice is credit too: Stripe collects that invoice.
          receiveCheck(invoice, invoice.accountId(), invoice.currency(), payment, false);
        });
  }

  /** A check or transfer that names no invoice: held as account credit in its currency. */
  public void receiveOnAccount(long accountId, String currency, CheckPayment payment) {
    tx.executeWithoutResult(
        s -> {
          // One payment on the account at a time: its check number is looked up, then written.
          jdbc.sql("select id from accounts where id = :id for update")
              .param("id", accountId)
              .query(Long.class)
              .single();
          receiveCheck(null, accountId, currency, payment, false);
        });
  }

  /**
   * The check or transfer with this number already recorded for the account, if any: its invoice (0
   * for none) and amount. A form submitted twice finds its own payment here.
   */
  Optional<long[]> recordedCheck(long accountId, String checkNumber) {
    return jdbc.sql(
            """
            select coalesce(invoice_id, 0), amount_minor from payments
            where account_id = :account and check_number = :number
            """)
        .param("account", accountId)
        .param("number", checkNumber.strip())
        .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)})
        .optional();
  }

  /**
   * Records a check or transfer and applies it. Refused (an invalid field) only when its number was
   * recorded for another payment; the same payment again changes nothing.
   */
  void receiveCheck(
      InvoiceLocks.Locked invoice,
      long accountId,
      String currency,
      CheckPayment p,
      boolean paysInvoice) {
    long invoiceId = invoice == null ? 0 : invoice.id();
    Optional<long[]> earlier = recordedCheck(accountId, p.checkNumber());
    if (earlier.isPresent()) {
      if (earlier.get()[0] == invoiceId && earlier.get()[1] == p.amountMinor()) {
        return; // this very payment, recorded by an earlier try
      }
      throw Refusal.invalidFieldFailure(
          "check_number", p.methodCode() + " " + p.checkNumber().strip() + " is recorded already");
    }
    long paymentId =
        jdbc.sql(
                """
                insert into payments (account_id, invoice_id, method, amount_minor, currency,
                                      check_number, received_on, recorded_by, applied_minor)
                values (:account, :invoice, :method, :amount, :currency, :number, :received,
                        :user, 0)
                returning id
                """)
            .param("account", accountId)
            .param("invoice", invoice == null ? null : invoice.id())
            .param("method", p.methodCode())
            .param("amount", p.amountMinor())
            .param("currency", currency)
            .param("number", p.checkNumber().strip())
            .param("received", p.receivedOn())
            .param("user", p.actor() == null ? null : p.actor().userId())
            .query(Long.class)
            .single();
    apply(invoice, accountId, currency, p.amountMinor(), paymentId, paysInvoice);
  }

  /** Records a card payment Stripe confirmed; false when its reference was recorded already. */
  boolean receiveCard(InvoiceLocks.Locked invoice, long amountMinor, String reference) {
    boolean known =
        jdbc.sql("select exists (select 1 from payments where stripe_reference = :ref)")
            .param("ref", reference)
            .query(Boolean.class)
            .single();
    if (known) {
      return false;
    }
    long paymentId =
        jdbc.sql(
                """
                insert into payments (account_id, invoice_id, method, amount_minor, currency,
                                      stripe_reference, applied_minor)
                values (:account, :invoice, 'card', :amount, :currency, :ref, 0)
                returning id
                """)
            .param("account", invoice.accountId())
            .param("invoice", invoice.id())
            .param("amount", amountMinor)
            .param("currency", invoice.currency())
            .param("ref", reference)
            .query(Long.class)
            .single();
    apply(invoice, invoice.accountId(), invoice.currency(), amountMinor, paymentId, true);
    return true;
  }

  /**
   * Applies a payment: up to the open balance pays the invoice, the rest becomes account credit. A
   * payment on an invoice that is not open (paid, voided or written off while the check was in the
   * mail), or on no invoice, is all credit.
   */
  private void apply(
      InvoiceLocks.Locked invoice,
      long accountId,
      String currency,
      long amount,
      long paymentId,
      boolean paysInvoice) {
    long balance =
        paysInvoice && invoice != null && invoice.status() == InvoiceStatus.OPEN
            ? invoice.balanceMinor()
            : 0;
    long applied = Math.min(amount, balance);
    if (applied > 0) {
      balances.receive(invoice.id(), applied, 0);
    }
    jdbc.sql("update payments set applied_minor = :applied where id = :id")
        .param("applied", applied)
        .param("id", paymentId)
        .update();
    long credit = amount - applied;
    if (credit > 0) {
      String description =
          invoice == null
              ? "Payment received on account"
              : balance > 0
                  ? "Overpayment of " + invoice.label()
                  : "Payment received on " + invoice.label() + " (" + invoice.status() + ")";
      jdbc.sql(
              """
              insert into account_credits (account_id, currency, amount_minor, invoice_id,
                                           payment_id, description)
              values (:account, :currency, :amount, :invoice, :payment, :description)
              """)
          .param("account", accountId)
          .param("currency", currency)
          .param("amount", credit)
          .param("invoice", invoice == null ? null : invoice.id())
          .param("payment", paymentId)
          .param("description", description)
          .update();
    }
  }
}
