package dev.vigil.incident;

import java.time.Instant;

/**
 * Record a new incident for a workflow run, from its first alert. {@code joinsAlerts}: duplicates
 * join it in PostgreSQL rather than by signal (false in runs recorded before that existed). {@code
 * firstLevelSeq}, when positive, asks for the first level of the policy to be assigned in the same
 * activity, its timeline entry numbered so: the first page needs no activity of its own.
 */
public record OpenIncident(
    IncidentKey key,
    String workflowId,
    String runId,
    AlertSignal firstAlert,
    Instant at,
    int seq,
    boolean joinsAlerts,
    int firstLevelSeq) {

  /** Without assigning the first level here (runs that assign it as it fires). */
  public OpenIncident(
      IncidentKey key,
      String workflowId,
      String runId,
      AlertSignal firstAlert,
      Instant at,
      int seq,
      boolean joinsAlerts) {
    this(key, workflowId, runId, firstAlert, at, seq, joinsAlerts, 0);
  }
}
