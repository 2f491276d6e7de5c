package dev.vigil.oncall.webhook;

import java.util.List;

/** The incident events a subscription may ask for, named as PagerDuty's webhooks v3 name them. */
public final class WebhookEventTypes {

  private WebhookEventTypes() {}

  public static final String TRIGGERED = "incident.triggered";
  public static final String ACKNOWLEDGED = "incident.acknowledged";
  public static final String UNACKNOWLEDGED = "incident.unacknowledged";
  public static final String RESOLVED = "incident.resolved";
  public static final String REASSIGNED = "incident.reassigned";
  public static final String ESCALATED = "incident.escalated";
  public static final String PRIORITY_UPDATED = "incident.priority_updated";
  public static final String ANNOTATED = "incident.annotated";

  /** Sent by {@code POST /api/v1/webhooks/{id}/test} whatever the subscription's filter. */
  public static final String PING = "pagey.ping";

  public static final List<String> ALL =
      List.of(
          TRIGGERED,
          ACKNOWLEDGED,
          UNACKNOWLEDGED,
          RESOLVED,
          REASSIGNED,
          ESCALATED,
          PRIORITY_UPDATED,
          ANNOTATED);
}
