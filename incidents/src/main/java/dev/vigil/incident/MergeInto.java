package dev.vigil.incident;

/**
 * Merges this incident into another open one: its alerts move there, and it resolves pointing at it
 * ("merged into #N").
 */
public record MergeInto(long targetIncidentId, long targetNumber, Responder by) {}
