package dev.vigil.incident;

import java.time.Instant;

/** Record a new incident for a workflow run, from its first alert. */
public record OpenIncident(
    IncidentKey key,
    String workflowId,
    String runId,
    AlertSignal firstAlert,
    Instant at,
    int seq) {}
