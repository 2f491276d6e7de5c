package dev.vigil.incident;

/**
 * What a long incident's next run needs to go on where the last one stopped, when it continues as
 * new before its history grows too large (docs/decisions/0013). Carried only at a point where
 * nothing is being paged and everything heard is on the record: acknowledged, or triggered with the
 * escalation policy exhausted.
 *
 * @param lastAlertAt workflow time (epoch millis) of the last alert, for the auto-resolve timeout
 * @param acknowledgedAt workflow time of the acknowledgement, {@link Long#MAX_VALUE} when none
 * @param nextSeq the first timeline sequence number the next run may use
 * @param escalations escalations so far (an acknowledgement timeout starts another)
 * @param changedBy who made the incident's last status change, for the Temporal UI's details
 * @param searchAttributes whether this incident's workflows carry Vigil's search attributes
 * @param snoozedUntil workflow time a snooze in force ends; null when none (and in every carry-over
 *     written before snoozes existed)
 */
public record IncidentCarryOver(
    OpenedIncident incident,
    IncidentStatus status,
    Responder changedBy,
    long lastAlertAt,
    long acknowledgedAt,
    int nextSeq,
    int alertCount,
    int escalations,
    int round,
    int level,
    String previousRunId,
    boolean searchAttributes,
    Long snoozedUntil) {}
