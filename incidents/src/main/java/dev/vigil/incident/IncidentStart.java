package dev.vigil.incident;

import java.util.List;

/**
 * Input of one incident run. {@code carriedAlerts} holds triggers that arrived after the previous
 * incident for the same key was resolved; they open this one. {@code resumeIncidentId}, when set,
 * names a recorded incident whose workflow the Temporal server lost: this run takes it over from
 * its record instead of opening a new one (runs started before it existed read it as null). {@code
 * continued}, when set, carries an open incident from the run that continued as new to keep its
 * history short (docs/decisions/0013).
 */
public record IncidentStart(
    IncidentKey key,
    List<AlertSignal> carriedAlerts,
    Long resumeIncidentId,
    IncidentCarryOver continued) {

  public static IncidentStart of(IncidentKey key) {
    return new IncidentStart(key, List.of(), null, null);
  }

  public static IncidentStart next(IncidentKey key, List<AlertSignal> carriedAlerts) {
    return new IncidentStart(key, carriedAlerts, null, null);
  }

  public static IncidentStart resume(IncidentKey key, long incidentId) {
    return new IncidentStart(key, List.of(), incidentId, null);
  }

  public static IncidentStart continued(IncidentKey key, IncidentCarryOver carryOver) {
    return new IncidentStart(key, List.of(), null, carryOver);
  }
}
