package dev.vigil.incident;

/** Pages a level of the incident's policy now; {@code level} null means the next one. */
public record EscalateNow(Integer level, Responder by) {}
