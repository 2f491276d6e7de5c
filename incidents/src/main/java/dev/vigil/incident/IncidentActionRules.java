package dev.vigil.incident;

import java.util.Optional;
import java.util.Set;

/**
 * What a responder's action may carry. One place for the rules: the REST API answers 400 with these
 * words before it calls the workflow, and the workflow's update validators refuse the same input
 * again, so nothing invalid is ever written to an incident's history (docs/decisions/0033). A
 * validator's refusal reaches the client as its message only (the exception's type does not survive
 * the trip), so the API, having checked the input already, reads any refusal as the wrong state.
 */
public final class IncidentActionRules {

  public static final int NOTE_MAX_CHARS = 4_000;
  public static final int SNOOZE_MIN_MINUTES = 1;
  public static final int SNOOZE_MAX_MINUTES = 7 * 24 * 60;
  public static final Set<String> PRIORITIES = Set.of("P1", "P2", "P3", "P4", "P5");

  private IncidentActionRules() {}

  /** The problem with a note's content, phrased as {@code 'content' ...}, if any. */
  public static Optional<String> noteProblem(String content) {
    if (content == null || content.isBlank()) {
      return Optional.of("'content' is required");
    }
    if (content.length() > NOTE_MAX_CHARS) {
      return Optional.of("'content' must be at most " + NOTE_MAX_CHARS + " characters");
    }
    return Optional.empty();
  }

  /** Null clears the priority. */
  public static Optional<String> priorityProblem(String priority) {
    if (priority != null && !PRIORITIES.contains(priority)) {
      return Optional.of("'priority' must be one of P1, P2, P3, P4, P5 or null");
    }
    return Optional.empty();
  }

  public static Optional<String> snoozeProblem(Integer minutes) {
    if (minutes == null) {
      return Optional.of("'duration_minutes' is required");
    }
    if (minutes < SNOOZE_MIN_MINUTES || minutes > SNOOZE_MAX_MINUTES) {
      return Optional.of(
          "'duration_minutes' must be between "
              + SNOOZE_MIN_MINUTES
              + " and "
              + SNOOZE_MAX_MINUTES
              + " (7 days)");
    }
    return Optional.empty();
  }

  /** Null means the next level. */
  public static Optional<String> levelProblem(Integer level, int levels) {
    if (level != null && (level < 1 || level > levels)) {
      return Optional.of(
          levels == 0
              ? "'level' cannot be given: the incident's escalation policy has no levels"
              : "'level' must be between 1 and " + levels);
    }
    return Optional.empty();
  }

  static void refuseInput(Optional<String> problem) {
    if (problem.isPresent()) {
      throw new IllegalArgumentException(problem.get());
    }
  }

  static void refuseState(String message) {
    throw new IllegalStateException(message);
  }
}
