package dev.vigil.incident;

/**
 * What the workflow knows right now, answered by its query and its updates.
 *
 * @param number the account's incident number; null until the incident is recorded
 * @param round the pass through the escalation policy (1 = first), 0 before the first level
 * @param level the escalation level last paged (1-based), 0 before the first level
 */
public record IncidentState(
    Long number, IncidentStatus status, int round, int level, int alertCount) {}
