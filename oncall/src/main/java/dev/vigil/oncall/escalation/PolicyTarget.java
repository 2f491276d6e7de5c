package dev.vigil.oncall.escalation;

/** Someone a level pages: a user, or whoever a schedule has on call when the level fires. */
public record PolicyTarget(Type type, long id) {

  public enum Type {
    USER,
    SCHEDULE
  }

  public static PolicyTarget user(long userId) {
    return new PolicyTarget(Type.USER, userId);
  }

  public static PolicyTarget schedule(long scheduleId) {
    return new PolicyTarget(Type.SCHEDULE, scheduleId);
  }
}
