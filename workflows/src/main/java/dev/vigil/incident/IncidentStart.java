package dev.vigil.incident;

import java.util.List;

/**
 * Input of one incident run. {@code carriedAlerts} holds triggers that arrived after the previous
 * incident for the same key was resolved; they open this one.
 */
public record IncidentStart(IncidentKey key, List<AlertSignal> carriedAlerts) {

  public static IncidentStart of(IncidentKey key) {
    return new IncidentStart(key, List.of());
  }
}
