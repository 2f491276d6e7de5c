package dev.vigil.oncall.escalation;

import java.time.Instant;
import java.util.List;

/**
 * An escalation policy as the REST API shows it: the same shape a client PUTs back. Levels carry no
 * id: a replace writes them anew, so an id would not survive the next edit.
 */
public record EscalationPolicyView(
    long id,
    String name,
    String description,
    Long teamId,
    int repeatCount,
    List<LevelView> levels,
    Instant createdAt) {

  public record LevelView(int position, int delayMinutes, List<TargetView> targets) {}

  /** The name is there to read; a client sends back only type and id. */
  public record TargetView(String type, long id, String name) {}
}
