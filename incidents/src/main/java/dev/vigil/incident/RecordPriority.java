package dev.vigil.incident;

import java.time.Instant;

/** The incident's new priority (null: none), and its timeline entry. */
public record RecordPriority(long incidentId, String priority, Responder by, Instant at, int seq) {}
