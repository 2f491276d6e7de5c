package dev.vigil.incident;

/** A responder's note on the incident's timeline (1 to 4,000 characters). */
public record AddNote(String content, Responder by) {}
