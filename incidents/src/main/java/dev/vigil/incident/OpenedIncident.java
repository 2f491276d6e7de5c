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
 * notification steps when it was assigned as the incident opened, else null. {@code historyLimit}:
 * the history length after which the run continues as new at its next quiet point; 0 (runs recorded
 * before it) means {@link #DEFAULT_HISTORY_LIMIT}.
 */
public record OpenedIncident(
    long incidentId,
    long number,
    String title,
    String urgency,
    PolicySnapshot policy,
    ServiceTimeouts timeouts,
    List<NotificationStep> firstLevel,
    int historyLimit) {

  /** Far below Temporal's 51,200-event limit, far above what a typical incident writes. */
  public static final int DEFAULT_HISTORY_LIMIT = 10_000;

  public OpenedIncident(
      long incidentId,
      long number,
      String title,
      String urgency,
      PolicySnapshot policy,
      ServiceTimeouts timeouts) {
    this(incidentId, number, title, urgency, policy, timeouts, null, 0);
  }

  /** The same incident with the first level's plan, assigned as it opened. */
  public OpenedIncident withFirstLevel(List<NotificationStep> plan) {
    return new OpenedIncident(
        incidentId, number, title, urgency, policy, timeouts, plan, historyLimit);
  }

  /** The same incident, continuing as new once its history is longer than {@code events}. */
  public OpenedIncident withHistoryLimit(int events) {
    return new OpenedIncident(
        incidentId, number, title, urgency, policy, timeouts, firstLevel, events);
  }

  /** The same incident following another policy, after a reassignment. */
  public OpenedIncident withPolicy(PolicySnapshot replacement) {
    return new OpenedIncident(
        incidentId, number, title, urgency, replacement, timeouts, null, historyLimit);
  }

  /** The history length after which a run continues as new. */
  public int effectiveHistoryLimit() {
    return historyLimit > 0 ? historyLimit : DEFAULT_HISTORY_LIMIT;
  }
}
