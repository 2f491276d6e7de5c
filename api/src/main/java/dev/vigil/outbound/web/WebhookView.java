package dev.vigil.outbound.web;

import dev.vigil.oncall.webhook.WebhookSubscription;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * A webhook subscription as the API sends it.
 *
 * @param secret present only when the subscription is made or its secret rotated: it is shown once
 */
record WebhookView(
    long id,
    String url,
    String description,
    @Schema(description = "Event types it receives; empty: all of them") List<String> events,
    @Schema(nullable = true, description = "Only this service's incidents; null: every service")
        Long serviceId,
    boolean enabled,
    @Schema(
            nullable = true,
            description = "After a rotation, until when the previous secret also signs")
        Instant previousSecretValidUntil,
    Instant createdAt,
    @Schema(
            nullable = true,
            description =
                "The signing secret, shown once: when the subscription is made or its secret"
                    + " rotated")
        String secret) {

  static WebhookView of(WebhookSubscription subscription, String secret) {
    return new WebhookView(
        subscription.id(),
        subscription.url(),
        subscription.description(),
        subscription.events(),
        subscription.serviceId(),
        subscription.enabled(),
        subscription.previousSecretUntil(),
        subscription.createdAt(),
        secret);
  }
}
