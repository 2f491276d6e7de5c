package dev.vigil.incident;

import java.time.Instant;

/**
 * Moves an incident's alerts to the one it is merged into, points it there, and notes it on both
 * timelines; idempotent per (incident, seq).
 */
public record RecordMerge(
    long incidentId, long targetIncidentId, long targetNumber, Responder by, Instant at, int seq) {}
