package dev.vigil.incident.record;

/** A service's urgency rule applied to an event's severity. */
final class Urgency {

  private Urgency() {}

  /**
   * @param rule "high", "low", or "severity" (critical and error are high, warning and info low)
   */
  static String of(String rule, String severity) {
    return switch (rule) {
      case "high", "low" -> rule;
      case "severity" -> "critical".equals(severity) || "error".equals(severity) ? "high" : "low";
      default -> throw new IllegalArgumentException("unknown urgency rule " + rule);
    };
  }
}
