package dev.vigil.billing.ledger;

import dev.vigil.billing.invoice.Actor;
import dev.vigil.billing.stripe.StripeRefunds;
import dev.vigil.refusal.Refusal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Refunds: the one writer of {@code refunds} (docs/decisions/0043). A refund pays the account's
 * credit back, so it can never exceed it: to refund part of a paid invoice, a credit note first
 * turns that part into credit. A card refund goes to the card of one card payment through Stripe; a
 * check or transfer refund records what the operator sent.
 */
@Component
public class Refunds {

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final AccountCredits credits;
  private final StripeRefunds stripe;

  public Refunds(
      JdbcClient jdbc, TransactionTemplate tx, AccountCredits credits, StripeRefunds stripe) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.credits = credits;
    this.stripe = stripe;
  }

  /**
   * A refund asked for.
   *
   * @param method {@code card}, {@code check} or {@code transfer}
   * @param paymentId the card payment refunded; null for check and transfer
   * @param currency of a check or transfer refund; a card refund's is its payment's
   * @param reference the check number or bank reference sent; null for card
   */
  public record Request(
      Actor actor,
      String method,
      long amountMinor,
      Long paymentId,
      String currency,
      String reference,
      String reason) {}

  public record Refund(
      long id,
      long accountId,
      String method,
      String currency,
      long amountMinor,
      Long paymentId,
      String stripeRefundId,
      String reference,
      String reason,
      Instant recordedAt) {}

  /**
   * Records the refund and draws the credit down in one transaction; a card refund is then sent to
   * Stripe, and taken back (the credit returned) when Stripe refuses it.
   */
  public Refund refund(long accountId, Request request) {
    long id = tx.execute(s -> record(accountId, request));
    if (request.method().equals("card")) {
      String stripeInvoice =
          jdbc.sql(
                  """
                  select i.stripe_invoice_id from payments p join invoices i on i.id = p.invoice_id
                  where p.id = :payment
                  """)
              .param("payment", request.paymentId())
              .query(String.class)
              .single();
      String stripeRefund;
      try {
        stripeRefund = stripe.refund(accountId, id, stripeInvoice, request.amountMinor());
      } catch (RuntimeException refused) {
        tx.executeWithoutResult(
            s -> {
              jdbc.sql("delete from account_credits where refund_id = :id")
                  .param("id", id)
                  .update();
              jdbc.sql("delete from refunds where id = :id").param("id", id).update();
            });
        throw refused;
      }
      jdbc.sql("update refunds set stripe_refund_id = :stripe where id = :id")
          .param("stripe", stripeRefund)
          .param("id", id)
          .update();
    }
    return list(accountId).stream().filter(r -> r.id() == id).findFirst().orElseThrow();
  }

  private long record(long accountId, Request request) {
    // The account's credit is read and drawn down under its row's lock: two refunds at once
    // cannot both spend the same credit.
    String accountCurrency =
        jdbc.sql("select billing_currency from accounts where id = :id for update")
            .param("id", accountId)
            .query(String.class)
            .single();
    if (request.reason() == null || request.reason().isBlank()) {
      throw Refusal.invalidFieldFailure("reason", "is required");
    }
    if (request.amountMinor() <= 0) {
      throw Refusal.invalidFieldFailure("amount", "must be more than zero");
    }
    String currency;
    if (request.method().equals("card")) {
      if (request.paymentId() == null) {
        throw Refusal.invalidFieldFailure("payment_id", "is required for a card refund");
      }
      var payment =
          jdbc.sql(
                  """
                  select p.currency, p.amount_minor - coalesce(
                             (select sum(r.amount_minor) from refunds r where r.payment_id = p.id),
                             0) as refundable
                  from payments p
                  where p.id = :payment and p.account_id = :account and p.method = 'card'
                  """)
              .param("payment", request.paymentId())
              .param("account", accountId)
              .query((rs, n) -> new Object[] {rs.getString(1), rs.getLong(2)})
              .optional()
              .orElseThrow(
                  () ->
                      Refusal.invalidFieldFailure(
                          "payment_id", "is not a card payment of this account"));
      currency = (String) payment[0];
      if (request.amountMinor() > (long) payment[1]) {
        throw Refusal.invalidFieldFailure(
            "amount", "is more than the " + payment[1] + " minor units left to refund of it");
      }
    } else {
      if (request.reference() == null || request.reference().isBlank()) {
        throw Refusal.invalidFieldFailure(
            "reference", "is required: the check number or bank reference sent");
      }
      currency = request.currency() == null ? accountCurrency : request.currency();
    }
    long credit = credits.balance(accountId, currency);
    if (request.amountMinor() > credit) {
      throw Refusal.wrongStateFailure(
          "the account's credit is "
              + credit
              + " minor units of "
              + currency
              + ": a refund pays credit back, so issue a credit note first");
    }
    long id =
        jdbc.sql(
                """
                insert into refunds (account_id, currency, amount_minor, method, payment_id,
                                     reference, reason, recorded_by)
                values (:account, :currency, :amount, :method, :payment, :reference, :reason,
                        :user)
                returning id
                """)
            .param("account", accountId)
            .param("currency", currency)
            .param("amount", request.amountMinor())
            .param("method", request.method())
            .param("payment", request.paymentId())
            .param("reference", request.reference() == null ? null : request.reference().strip())
            .param("reason", request.reason().strip())
            .param("user", request.actor() == null ? null : request.actor().userId())
            .query(Long.class)
            .single();
    jdbc.sql(
            """
            insert into account_credits (account_id, currency, amount_minor, refund_id, description)
            values (:account, :currency, :amount, :refund, :description)
            """)
        .param("account", accountId)
        .param("currency", currency)
        .param("amount", -request.amountMinor())
        .param("refund", id)
        .param("description", "Refund by " + request.method())
        .update();
    return id;
  }

  /** The account's refunds, newest first. */
  public List<Refund> list(long accountId) {
    return jdbc.sql(
            """
            select id, account_id, method, currency, amount_minor, payment_id, stripe_refund_id,
                   reference, reason, recorded_at
            from refunds where account_id = :account order by id desc
            """)
        .param("account", accountId)
        .query(
            (rs, n) ->
                new Refund(
                    rs.getLong("id"),
                    rs.getLong("account_id"),
                    rs.getString("method"),
                    rs.getString("currency"),
                    rs.getLong("amount_minor"),
                    (Long) rs.getObject("payment_id"),
                    rs.getString("stripe_refund_id"),
                    rs.getString("reference"),
                    rs.getString("reason"),
                    rs.getObject("recorded_at", OffsetDateTime.class).toInstant()))
        .list();
  }
}
