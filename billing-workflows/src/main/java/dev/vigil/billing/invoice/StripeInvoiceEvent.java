package dev.vigil.billing.invoice;

/**
 * A verified Stripe webhook about a card invoice.
 *
 * @param eventId Stripe's event id: the workflow acts on each once
 * @param type {@code invoice.paid} or {@code invoice.payment_failed}
 * @param paymentReference the Stripe invoice id: one card payment settles one Stripe invoice, and
 *     the charge and the webhook both know it (webhooks do not carry the invoice's payments), so
 *     the same payment is recorded once whichever reports it first
 * @param amountPaidMinor what Stripe says was paid
 * @param failureMessage why a payment failed; null when paid
 */
public record StripeInvoiceEvent(
    String eventId,
    String type,
    String paymentReference,
    long amountPaidMinor,
    String failureMessage) {

  public static final String PAID = "invoice.paid";
  public static final String PAYMENT_FAILED = "invoice.payment_failed";
}
