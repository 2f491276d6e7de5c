package dev.vigil.incident;

/**
 * Silences an acknowledged incident for a while: when the snooze ends it is triggered again and
 * pages from the first level, as when an acknowledgement times out.
 */
public record Snooze(Integer durationMinutes, Responder by) {}
