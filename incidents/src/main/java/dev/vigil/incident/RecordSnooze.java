package dev.vigil.incident;

import java.time.Instant;

/** A snooze until {@code until}, and its timeline entry. */
public record RecordSnooze(
    long incidentId, Instant until, int minutes, Responder by, Instant at, int seq) {}
