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

  /** While acknowledged and snoozed: when the snooze ends, which replaces the ack timeout. */
  private long snoozedUntil = NEVER;

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

  /** Carried with a snooze in force (null: none, as in every run carried before snoozes). */
  static IncidentDeadlines carried(
      ServiceTimeouts timeouts, long lastAlertAt, long acknowledgedAt, Long snoozedUntil) {
    IncidentDeadlines deadlines = carried(timeouts, lastAlertAt, acknowledgedAt);
    deadlines.snoozedUntil = snoozedUntil == null ? NEVER : snoozedUntil;
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

  /** Acknowledging (again) also ends a snooze. */
  void acknowledged(long at) {
    acknowledgedAt = at;
    snoozedUntil = NEVER;
  }

  void retriggered() {
    acknowledgedAt = NEVER;
    snoozedUntil = NEVER;
  }

  void snooze(long until) {
    snoozedUntil = until;
  }

  boolean snoozed() {
    return snoozedUntil != NEVER;
  }

  /** Null when not snoozed, for carrying over. */
  Long snoozedUntil() {
    return snoozed() ? snoozedUntil : null;
  }

  /** Auto-resolve counts quiet time: every new alert starts it again. */
  long autoResolveAt() {
    return timeouts.autoResolveSeconds() == null
        ? NEVER
        : lastAlertAt + timeouts.autoResolveSeconds() * 1000L;
  }

  /** The snooze's end while snoozed, else the acknowledgement timeout. */
  long acknowledgementExpiresAt() {
    if (snoozed()) {
      return snoozedUntil;
    }
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
