package dev.vigil.billing.invoice;

/**
 * What one attempt to charge a card invoice in Stripe came to.
 *
 * @param paymentReference the Stripe invoice id when paid (see {@link StripeInvoiceEvent})
 * @param declineCode Stripe's code ({@code card_declined}, {@code expired_card}) when not paid
 * @param actionUrl set when the card's bank asks the cardholder to confirm the payment (3-D Secure,
 *     "requires action"): not a decline, and no retry of ours can pass it; the customer confirms on
 *     this page (Stripe's hosted invoice). Null otherwise, and in runs recorded before it.
 */
public record ChargeOutcome(
    boolean paid,
    long amountPaidMinor,
    String paymentReference,
    String declineCode,
    String message,
    String actionUrl) {

  public static ChargeOutcome paid(long amountPaidMinor, String paymentReference) {
    return new ChargeOutcome(true, amountPaidMinor, paymentReference, null, null, null);
  }

  public static ChargeOutcome declined(String declineCode, String message) {
    return new ChargeOutcome(false, 0, null, declineCode, message, null);
  }

  public static ChargeOutcome actionRequired(String message, String actionUrl) {
    return new ChargeOutcome(false, 0, null, null, message, actionUrl);
  }

  public boolean actionRequired() {
    return actionUrl != null;
  }
}
