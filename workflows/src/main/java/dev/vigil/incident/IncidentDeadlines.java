package dev.vigil.incident;

/**
 * When an incident's own timers fall due, in workflow time (epoch millis). Plain state, so the
 * workflow stays readable and the arithmetic is unit-tested on its own.
 */
final class IncidentDeadlines {

  static final long NEVER = Long.MAX_VALUE;

  private final ServiceTimeouts timeouts;
  private long lastAlertAt;
  private long acknowledgedAt = NEVER;

  IncidentDeadlines(ServiceTimeouts timeouts, long openedAt) {
    this.timeouts = timeouts == null ? ServiceTimeouts.none() : timeouts;
    this.lastAlertAt = openedAt;
  }

  /** The deadlines a previous run of the same incident left off with. */
  static IncidentDeadlines carried(
      ServiceTimeouts timeouts, long lastAlertAt, long acknowledgedAt) {
    IncidentDeadlines deadlines = new IncidentDeadlines(timeouts, lastAlertAt);
    deadlines.acknowledgedAt = acknowledgedAt;
    return deadlines;
  }

  long lastAlertAt() {
    return lastAlertAt;
  }

  long acknowledgedAt() {
    return acknowledgedAt;
  }

  void alertArrived(long at) {
    lastAlertAt = Math.max(lastAlertAt, at);
  }

  void acknowledged(long at) {
    acknowledgedAt = at;
  }

  void retriggered() {
    acknowledgedAt = NEVER;
  }

  /** Auto-resolve counts quiet time: every new alert starts it again. */
  long autoResolveAt() {
    return timeouts.autoResolveSeconds() == null
        ? NEVER
        : lastAlertAt + timeouts.autoResolveSeconds() * 1000L;
  }

  long acknowledgementExpiresAt() {
    return timeouts.ackTimeoutSeconds() == null || acknowledgedAt == NEVER
        ? NEVER
        : acknowledgedAt + timeouts.ackTimeoutSeconds() * 1000L;
  }

  boolean autoResolveDue(long now) {
    return now >= autoResolveAt();
  }

  boolean acknowledgementExpired(long now) {
    return now >= acknowledgementExpiresAt();
  }

  /** The earliest of the incident's own deadlines and another one. */
  long earliest(long other) {
    return Math.min(other, Math.min(autoResolveAt(), acknowledgementExpiresAt()));
  }
}
