package dev.vigil.incident;

import java.time.Instant;

/** Take over a recorded incident, still open, in a new workflow run. */
public record ResumeIncident(long incidentId, String workflowId, String runId, Instant at) {}
