package dev.vigil.outbound.web;

import dev.vigil.outbound.delivery.WebhookOutbox.Delivery;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** One event sent (or being sent) to a subscription, with how its attempts went. */
record WebhookDeliveryView(
    long id,
    @Schema(description = "X-Vigil-Event-Id and the body's event.id: the same on every attempt")
        String eventId,
    String eventType,
    @Schema(nullable = true) Long incidentNumber,
    @Schema(allowableValues = {"pending", "delivered", "failed"}) String status,
    int attempts,
    @Schema(nullable = true, description = "The receiver's last HTTP status") Integer lastStatus,
    @Schema(nullable = true) String lastError,
    Instant createdAt,
    @Schema(nullable = true) Instant lastAttemptAt,
    @Schema(nullable = true) Instant deliveredAt) {

  static WebhookDeliveryView of(Delivery delivery) {
    return new WebhookDeliveryView(
        delivery.id(),
        delivery.eventId().toString(),
        delivery.eventType(),
        delivery.incidentNumber(),
        delivery.status(),
        delivery.attempts(),
        delivery.lastStatus(),
        delivery.lastError(),
        delivery.createdAt(),
        delivery.lastAttemptAt(),
        delivery.deliveredAt());
  }
}
