package dev.vigil.incident;

import java.time.Instant;

/**
 * Record a new incident for a workflow run, from its first alert. {@code joinsAlerts}: duplicates
 * join it in PostgreSQL rather than by signal (false in runs recorded before that existed).
 */
public record OpenIncident(
    IncidentKey key,
    String workflowId,
    String runId,
    AlertSignal firstAlert,
    Instant at,
    int seq,
    boolean joinsAlerts) {}
