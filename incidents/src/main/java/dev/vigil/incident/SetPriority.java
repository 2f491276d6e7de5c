package dev.vigil.incident;

/** Sets the incident's priority, {@code P1} (highest) to {@code P5}; null clears it. */
public record SetPriority(String priority, Responder by) {}
