package dev.vigil.billing.stripe;

import com.stripe.exception.StripeException;
import com.stripe.model.InvoicePayment;
import com.stripe.model.Refund;
import com.stripe.param.InvoicePaymentListParams;
import com.stripe.param.RefundCreateParams;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Card refunds through Stripe's Refund API. A card payment of ours is a Stripe invoice paid in one
 * payment (see {@link StripeCardPayments}); the refund goes to that payment's PaymentIntent.
 */
@Component
public class StripeRefunds {

  private final StripeApi stripe;

  StripeRefunds(StripeApi stripe) {
    this.stripe = stripe;
  }

  /**
   * Refunds part or all of the card payment of a Stripe invoice; returns Stripe's refund id. The
   * idempotency key names the account and our refund, so a retried request refunds once.
   *
   * @throws io.temporal.failure.ApplicationFailure of type {@link StripeApi#NOT_CONFIGURED}, {@link
   *     StripeApi#REJECTED} or {@link StripeApi#UNAVAILABLE}
   */
  public String refund(long accountId, long refundId, String stripeInvoiceId, long amountMinor) {
    String key = "vigil-account-" + accountId + "-refund-" + refundId;
    try {
      String paymentIntent =
          stripe
              .client()
              .v1()
              .invoicePayments()
              .list(
                  InvoicePaymentListParams.builder()
                      .setInvoice(stripeInvoiceId)
                      .setStatus(InvoicePaymentListParams.Status.PAID)
                      .build())
              .getData()
              .stream()
              .map(InvoicePayment::getPayment)
              .filter(p -> p != null && p.getPaymentIntent() != null)
              .map(InvoicePayment.Payment::getPaymentIntent)
              .findFirst()
              .orElseThrow(
                  () ->
                      io.temporal.failure.ApplicationFailure.newNonRetryableFailure(
                          "Stripe invoice " + stripeInvoiceId + " has no paid card payment",
                          StripeApi.REJECTED));
      Refund refund =
          stripe
              .client()
              .v1()
              .refunds()
              .create(
                  RefundCreateParams.builder()
                      .setPaymentIntent(paymentIntent)
                      .setAmount(amountMinor)
                      .setMetadata(Map.of("vigil_refund_id", String.valueOf(refundId)))
                      .build(),
                  StripeApi.idempotent(key));
      return refund.getId();
    } catch (StripeException e) {
      throw StripeApi.failure("refund " + refundId, e);
    }
  }
}
