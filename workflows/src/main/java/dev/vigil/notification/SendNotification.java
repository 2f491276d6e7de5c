package dev.vigil.notification;

import java.time.Instant;

/**
 * @param idempotencyKey derived from the workflow run and the escalation step, unique per page
 * @param seq the timeline entry number the send records
 */
public record SendNotification(
    long incidentId, NotificationStep step, String idempotencyKey, Instant at, int seq) {}
