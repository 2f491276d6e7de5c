package dev.vigil.billing.invoice;

import io.temporal.activity.ActivityInterface;

/**
 * A card invoice in Stripe. Every write carries an idempotency key derived from the account, the
 * period, the invoice and the step, so a retried activity repeats the same request and Stripe
 * answers it once.
 */
@ActivityInterface
public interface CardPaymentActivities {

  /**
   * Creates (once) the account's Stripe customer, the Stripe invoice with one invoice item per
   * line, and finalizes it. Returns the Stripe invoice id, also kept on our invoice.
   */
  String pushToStripe(long invoiceId);

  /**
   * Charges the finalized Stripe invoice to the customer's default payment method. {@code attempt}
   * (1, 2, ...) is part of the idempotency key: a retried activity reuses its attempt's key, a new
   * attempt days later is a new request. A decline is an outcome, not a failure.
   */
  ChargeOutcome charge(long invoiceId, int attempt);

  /**
   * Voids the Stripe invoice, or marks it uncollectible ({@code status}), after an accountant did
   * so here: an invoice closed in our ledger must not stay payable on Stripe's hosted page. Nothing
   * to do for an invoice that never reached Stripe or is closed there already.
   */
  void closeInStripe(long invoiceId, String status);

  /**
   * Mirrors the credit note a request issued on an open card invoice into Stripe (docs/decisions
   * 0066), so that Stripe collects that much less; once per credit note. Nothing to do while the
   * invoice is not in Stripe yet: its push carries the credit notes issued before it.
   */
  void creditInStripe(long invoiceId, String creditNoteRequestKey);
}
