package dev.vigil.incident.record;

import dev.vigil.incident.Responder;
import java.time.Instant;

/**
 * An entry just written to an incident's timeline, as {@link TimelineListener}s are told of it.
 *
 * @param seq the workflow's number for the entry; null for entries written outside the workflow (a
 *     provider's delivery report, a merge seen from the target), which sort by time
 * @param by who acted, when someone did; null for entries Vigil wrote on its own
 */
public record TimelineEntry(
    long accountId,
    long incidentId,
    Integer seq,
    Instant at,
    String kind,
    String message,
    Responder by) {}
