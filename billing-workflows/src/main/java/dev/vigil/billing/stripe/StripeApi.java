package dev.vigil.billing.stripe;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import com.stripe.net.RequestOptions;
import io.temporal.failure.ApplicationFailure;

/**
 * Vigil's Stripe client, or, when no API key is configured, a clear refusal: the application still
 * starts without Stripe (check customers do not need it), but a card invoice cannot go anywhere.
 */
public class StripeApi {

  /** Failure type: Stripe is not configured; retrying does not help until it is. */
  public static final String NOT_CONFIGURED = "StripeNotConfigured";

  /** Failure type: Stripe refused the request as it stands; retrying the same request is futile. */
  public static final String REJECTED = "StripeRejected";

  /** Failure type: Stripe could not be reached or answered 5xx/429; retried by Temporal. */
  public static final String UNAVAILABLE = "StripeUnavailable";

  private final StripeClient client;

  StripeApi(StripeSettings settings) {
    // Temporal retries the activities, and each request's idempotency key makes a retry safe; the
    // SDK's own retries would only hide failures from the workflow's history. Only the API base is
    // pointed elsewhere (a local stand-in in tests): stripe-java also has a connect base (OAuth)
    // and a files base (uploads), which Vigil never uses.
    this.client =
        settings.hasApiKey()
            ? StripeClient.builder()
                .setApiKey(settings.apiKey())
                .setApiBase(settings.apiBase())
                .setMaxNetworkRetries(0)
                .build()
            : null;
  }

  /** The client; a non-retryable failure naming the property when no API key is configured. */
  public StripeClient client() {
    if (client == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "Card invoices need Stripe, and no Stripe API key is configured: set"
              + " vigil.billing.stripe.api-key (environment variable STRIPE_API_KEY)",
          NOT_CONFIGURED);
    }
    return client;
  }

  /** A request that Stripe answers once per key. */
  static RequestOptions idempotent(String key) {
    return RequestOptions.builder().setIdempotencyKey(key).build();
  }

  /**
   * What a Stripe error means for the activity: unreachable, rate limited, 5xx, or a request with
   * the same key still in flight (409) is retried; anything else Stripe refused as it stands fails
   * the activity for good, saying what Stripe said.
   */
  static ApplicationFailure failure(String step, StripeException e) {
    Integer status = e.getStatusCode();
    String message = step + ": " + e.getMessage();
    boolean transientError =
        e instanceof ApiConnectionException
            || e instanceof RateLimitException
            || status == null
            || status == 409
            || status == 429
            || status >= 500;
    return transientError
        ? ApplicationFailure.newFailureWithCause(message, UNAVAILABLE, e)
        : ApplicationFailure.newNonRetryableFailureWithCause(message, REJECTED, e);
  }
}
