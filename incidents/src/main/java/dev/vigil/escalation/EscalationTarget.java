package dev.vigil.escalation;

/** Someone a level pages. Resolved to people at the moment the level fires. */
public record EscalationTarget(TargetType type, long id) {

  public enum TargetType {
    USER,
    /** Whoever is on call on the schedule at the moment the level fires. */
    SCHEDULE
  }

  public static EscalationTarget user(long userId) {
    return new EscalationTarget(TargetType.USER, userId);
  }

  public static EscalationTarget schedule(long scheduleId) {
    return new EscalationTarget(TargetType.SCHEDULE, scheduleId);
  }
}
