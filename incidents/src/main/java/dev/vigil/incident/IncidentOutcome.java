package dev.vigil.incident;

/** The result of a finished incident run. */
public record IncidentOutcome(
    long incidentId, long number, IncidentStatus status, int alertCount) {}
