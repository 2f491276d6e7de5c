package dev.vigil.incident;

import dev.vigil.escalation.PolicySnapshot;
import dev.vigil.notification.NotificationStep;
import java.util.List;

/**
 * The recorded incident and the escalation policy it follows.
 *
 * <p>The policy is a snapshot taken when the incident opened: editing a policy never changes the
 * path of incidents already running (see docs/decisions/0002-policy-snapshot.md); so are the
 * service's acknowledgement and auto-resolve timeouts. {@code firstLevel}: the first level's
 * notification steps when it was assigned as the incident opened, else null.
 */
public record OpenedIncident(
    long incidentId,
    long number,
    String title,
    String urgency,
    PolicySnapshot policy,
    ServiceTimeouts timeouts,
    List<NotificationStep> firstLevel) {

  public OpenedIncident(
      long incidentId,
      long number,
      String title,
      String urgency,
      PolicySnapshot policy,
      ServiceTimeouts timeouts) {
    this(incidentId, number, title, urgency, policy, timeouts, null);
  }

  /** The same incident with the first level's plan, assigned as it opened. */
  public OpenedIncident withFirstLevel(List<NotificationStep> plan) {
    return new OpenedIncident(incidentId, number, title, urgency, policy, timeouts, plan);
  }
}
