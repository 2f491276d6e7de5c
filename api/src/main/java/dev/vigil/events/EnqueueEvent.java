package dev.vigil.events;

import java.util.Objects;

/**
 * A validated Events API v2 request.
 *
 * @param dedupKey null only for a trigger that did not send one; the caller generates it, because
 *     the parser must stay free of side effects (and of randomness) to be testable.
 * @param payload non-null only for {@link EventAction#TRIGGER}; PagerDuty ignores the payload of
 *     acknowledge and resolve events, so we do not even keep it.
 * @param imagesJson raw JSON array text as received (re-serialised compactly), or null if absent.
 * @param linksJson raw JSON array text as received (re-serialised compactly), or null if absent.
 */
public record EnqueueEvent(
    String routingKey,
    EventAction action,
    String dedupKey,
    EventPayload payload,
    String client,
    String clientUrl,
    String imagesJson,
    String linksJson) {

  public EnqueueEvent {
    Objects.requireNonNull(routingKey, "routingKey");
    Objects.requireNonNull(action, "action");
  }
}
