package dev.vigil.billing.stripe;

/**
 * A request to the Stripe webhook that is not provably from Stripe: no or a wrong signature, a
 * payload changed after signing, a timestamp too old, or no webhook secret configured to check
 * with. The message is safe to answer with: it never carries the secret or the expected signature.
 */
public class InvalidStripeSignature extends RuntimeException {

  public InvalidStripeSignature(String message) {
    super(message);
  }
}
