package dev.vigil.incident;

import java.util.List;

/**
 * Input of one incident run. {@code carriedAlerts} holds triggers that arrived after the previous
 * incident for the same key was resolved; they open this one. {@code resumeIncidentId}, when set,
 * names a recorded incident whose workflow the Temporal server lost: this run takes it over from
 * its record instead of opening a new one (runs started before it existed read it as null).
 */
public record IncidentStart(
    IncidentKey key, List<AlertSignal> carriedAlerts, Long resumeIncidentId) {

  public static IncidentStart of(IncidentKey key) {
    return new IncidentStart(key, List.of(), null);
  }

  public static IncidentStart next(IncidentKey key, List<AlertSignal> carriedAlerts) {
    return new IncidentStart(key, carriedAlerts, null);
  }

  public static IncidentStart resume(IncidentKey key, long incidentId) {
    return new IncidentStart(key, List.of(), incidentId);
  }
}
