package dev.vigil.billing.invoice;

/**
 * What one attempt to charge a card invoice in Stripe came to.
 *
 * @param paymentReference the Stripe invoice id when paid (see {@link StripeInvoiceEvent})
 * @param declineCode Stripe's code ({@code card_declined}, {@code expired_card}) when not paid
 */
public record ChargeOutcome(
    boolean paid,
    long amountPaidMinor,
    String paymentReference,
    String declineCode,
    String message) {

  public static ChargeOutcome paid(long amountPaidMinor, String paymentReference) {
    return new ChargeOutcome(true, amountPaidMinor, paymentReference, null, null);
  }

  public static ChargeOutcome declined(String declineCode, String message) {
    return new ChargeOutcome(false, 0, null, declineCode, message);
  }
}
