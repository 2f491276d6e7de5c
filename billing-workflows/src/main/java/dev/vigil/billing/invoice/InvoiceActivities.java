package dev.vigil.billing.invoice;

import io.temporal.activity.ActivityInterface;

/**
 * The invoice ledger in PostgreSQL and the mail about invoices. Each write is idempotent under
 * retries: state changes check the state they change from, payments are unique by check number or
 * Stripe reference, and each mail has a key derived from the invoice and the step.
 */
@ActivityInterface
public interface InvoiceActivities {

  InvoiceFacts load(long invoiceId);

  /** Adds adjustment lines to a draft and returns the new total. */
  InvoiceStanding addAdjustments(long invoiceId, Approval adjustments);

  /**
   * Approves a draft (with any last adjustments) and issues it: open, due after the account's net
   * terms from {@code atMillis}; a zero total is paid at once.
   */
  IssuedInvoice approve(long invoiceId, Approval approval, long atMillis);

  /** Issues a card invoice as drafted: open and due at once; a zero total is paid at once. */
  IssuedInvoice issueCardInvoice(long invoiceId, long atMillis);

  /** Emails the issued invoice, PDF attached, to the account's billing contact. Once. */
  void sendInvoice(long invoiceId);

  /** Emails a reminder of an unpaid invoice, once per offset; nothing when it was settled. */
  void sendReminder(long invoiceId, int offsetDays);

  InvoiceStanding recordCheck(long invoiceId, CheckPayment payment);

  /** Records a card payment Stripe confirmed; a reference already recorded changes nothing. */
  InvoiceStanding recordCardPayment(long invoiceId, long amountMinor, String paymentReference);

  /** Keeps a failed charge on the invoice and tells the billing contact, once per attempt. */
  void reportPaymentFailure(long invoiceId, int attempt, String message, long nextAttemptAtMillis);

  /**
   * Asks the billing contact to confirm a charge their bank holds for authentication, with the page
   * to do it on; once per attempt.
   */
  void reportPaymentActionRequired(long invoiceId, int attempt, String actionUrl);

  /**
   * Issues a credit note on the invoice (once per request key): it reduces the open balance, and
   * what payments had covered becomes account credit.
   */
  InvoiceStanding issueCreditNote(long invoiceId, CreditNoteRequest request);

  /** Voids the invoice or marks it uncollectible ({@code status}), with the actor and reason. */
  InvoiceStanding close(long invoiceId, String status, Closure closure, long atMillis);
}
