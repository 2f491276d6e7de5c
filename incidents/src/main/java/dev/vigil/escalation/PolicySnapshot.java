package dev.vigil.escalation;

import java.util.List;

/**
 * An escalation policy as it was when an incident opened.
 *
 * @param repeatCount how many more times the whole policy runs after its last level (0-9)
 */
public record PolicySnapshot(long policyId, String name, int repeatCount, List<Level> levels) {

  /** One level: who to page, and how long to wait for an acknowledgement before the next. */
  public record Level(int delaySeconds, List<EscalationTarget> targets) {}
}
