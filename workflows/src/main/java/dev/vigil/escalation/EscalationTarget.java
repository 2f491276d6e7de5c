package dev.vigil.escalation;

/** Someone a level pages. Resolved to people at the moment the level fires. */
public record EscalationTarget(TargetType type, long id) {

  public enum TargetType {
    USER
  }

  public static EscalationTarget user(long userId) {
    return new EscalationTarget(TargetType.USER, userId);
  }
}
