package dev.vigil.incident;

import java.time.Instant;

/**
 * A responder's action (a note, an escalation, a reassignment) and its timeline entry, which names
 * who acted and through which channel.
 */
public record RecordAction(
    long incidentId, String kind, String message, Responder by, Instant at, int seq) {}
