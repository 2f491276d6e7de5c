package dev.vigil.incident;

import java.time.Instant;

/**
 * A triggering event, already stored as an alert row by the Events API. Only what the workflow
 * decides on travels in history; the full payload (up to 512 KB) stays in PostgreSQL, so an alert
 * storm cannot blow up the workflow's history.
 */
public record AlertSignal(long alertId, String summary, String severity, Instant receivedAt) {}
