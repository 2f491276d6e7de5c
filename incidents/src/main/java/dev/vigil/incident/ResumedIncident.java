package dev.vigil.incident;

/**
 * A recorded incident taken over by a new run: its status and alert count as recorded, and the
 * first timeline sequence number the new run may use (the numbers before it are taken).
 */
public record ResumedIncident(
    OpenedIncident incident, IncidentStatus status, int alertCount, int nextSeq) {}
