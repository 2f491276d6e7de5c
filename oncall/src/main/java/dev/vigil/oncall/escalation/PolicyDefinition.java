package dev.vigil.oncall.escalation;

import java.util.List;

/**
 * A whole escalation policy as it is stored: levels in firing order, delays in seconds.
 *
 * @param description "" for none
 * @param teamId null for no team
 * @param repeatCount how many times the whole policy runs again when nobody acknowledged
 */
public record PolicyDefinition(
    String name, String description, Long teamId, int repeatCount, List<Level> levels) {

  /** Whom a level pages, and how long it waits for an acknowledgement before the next. */
  public record Level(int delaySeconds, List<PolicyTarget> targets) {}
}
