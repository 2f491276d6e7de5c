package dev.vigil.incident;

import java.time.Instant;

/** A status change (acknowledged, resolved) and its timeline entry. */
public record RecordTransition(
    long incidentId, IncidentStatus status, Responder by, Instant at, int seq) {}
