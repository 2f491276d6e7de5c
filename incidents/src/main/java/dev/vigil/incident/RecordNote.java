package dev.vigil.incident;

import java.time.Instant;

/** A timeline entry that changes no status (escalation exhausted, a page that failed). */
public record RecordNote(long incidentId, String kind, String message, Instant at, int seq) {}
