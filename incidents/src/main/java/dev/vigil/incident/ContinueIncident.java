package dev.vigil.incident;

import java.time.Instant;

/** Point a recorded incident at the run its previous run continued as. */
public record ContinueIncident(
    long incidentId, String workflowId, String runId, String previousRunId, Instant at) {}
