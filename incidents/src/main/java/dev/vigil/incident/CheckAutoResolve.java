package dev.vigil.incident;

import java.time.Instant;

/**
 * The auto-resolve timeout ran out as far as the workflow knows: has any alert joined the incident
 * in PostgreSQL since {@code quietSince}?
 */
public record CheckAutoResolve(long incidentId, Instant quietSince) {}
