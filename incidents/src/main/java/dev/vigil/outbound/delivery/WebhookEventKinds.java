package dev.vigil.outbound.delivery;

import dev.vigil.oncall.webhook.WebhookEventTypes;
import java.util.Map;
import java.util.Optional;

/**
 * Which timeline entries are webhook events, and of which PagerDuty v3 type. Delivery reports,
 * pages, held pages and notes Vigil writes for itself are not: a receiver follows the incident, not
 * its paging.
 */
final class WebhookEventKinds {

  private WebhookEventKinds() {}

  private static final Map<String, String> BY_KIND =
      Map.of(
          "triggered", WebhookEventTypes.TRIGGERED,
          "acknowledged", WebhookEventTypes.ACKNOWLEDGED,
          // Back to triggered: the acknowledgement timed out, or a snooze ended.
          "retriggered", WebhookEventTypes.UNACKNOWLEDGED,
          "resolved", WebhookEventTypes.RESOLVED,
          "reassigned", WebhookEventTypes.REASSIGNED,
          // Reached a level by itself (the first assignment is not an escalation: see the outbox).
          "escalated", WebhookEventTypes.ESCALATED,
          "escalated_by_hand", WebhookEventTypes.ESCALATED,
          "priority_changed", WebhookEventTypes.PRIORITY_UPDATED,
          "note", WebhookEventTypes.ANNOTATED);

  static Optional<String> eventType(String timelineKind) {
    return Optional.ofNullable(BY_KIND.get(timelineKind));
  }
}
