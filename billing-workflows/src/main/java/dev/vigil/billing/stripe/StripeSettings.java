package dev.vigil.billing.stripe;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How Vigil talks to Stripe for card customers ({@code vigil.billing.stripe.*}; as environment
 * variables {@code STRIPE_API_KEY}, {@code STRIPE_API_BASE}, {@code STRIPE_WEBHOOK_SECRET}).
 *
 * @param apiKey the secret key ({@code sk_live_...}, {@code sk_test_...} or a restricted key);
 *     unset: card invoices cannot be pushed or charged
 * @param apiBase where Stripe's API is; unset or blank: {@code https://api.stripe.com}
 * @param webhookSecret the webhook endpoint's signing secret ({@code whsec_...}); unset: no webhook
 *     is believed
 * @param webhookTolerance how old a webhook's signed timestamp may be before it is refused as a
 *     replay; default 5 minutes, as Stripe's libraries do
 */
@ConfigurationProperties("vigil.billing.stripe")
public record StripeSettings(
    String apiKey, String apiBase, String webhookSecret, Duration webhookTolerance) {

  public static final String DEFAULT_API_BASE = "https://api.stripe.com";
  public static final Duration DEFAULT_WEBHOOK_TOLERANCE = Duration.ofMinutes(5);

  public StripeSettings {
    // The application's yml maps empty environment variables to "", which means "not set".
    apiKey = blankToNull(apiKey);
    apiBase = apiBase == null || apiBase.isBlank() ? DEFAULT_API_BASE : stripSlash(apiBase.strip());
    webhookSecret = blankToNull(webhookSecret);
    webhookTolerance =
        webhookTolerance == null || webhookTolerance.isZero() || webhookTolerance.isNegative()
            ? DEFAULT_WEBHOOK_TOLERANCE
            : webhookTolerance;
  }

  public boolean hasApiKey() {
    return apiKey != null;
  }

  public boolean hasWebhookSecret() {
    return webhookSecret != null;
  }

  /** Says whether the secrets are set, never what they are. */
  @Override
  public String toString() {
    return "StripeSettings[apiKey="
        + (hasApiKey() ? "(set)" : "(unset)")
        + ", apiBase="
        + apiBase
        + ", webhookSecret="
        + (hasWebhookSecret() ? "(set)" : "(unset)")
        + ", webhookTolerance="
        + webhookTolerance
        + "]";
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
