package dev.vigil.oncall.webhook;

import java.time.Instant;
import java.util.List;

/**
 * An account's subscription to incident events, as stored (its secrets stay sealed in the store).
 *
 * @param serviceId null for every service of the account
 * @param events the event types it receives; empty for all of them
 * @param previousSecretUntil after a rotation, until when the old secret still signs; else null
 */
public record WebhookSubscription(
    long id,
    long accountId,
    Long serviceId,
    String url,
    String description,
    List<String> events,
    boolean enabled,
    Instant previousSecretUntil,
    Instant createdAt) {

  public boolean wants(String eventType) {
    return events.isEmpty() || events.contains(eventType);
  }
}
