package dev.vigil.notification;

import java.time.Instant;

/**
 * @param idempotencyKey derived from the workflow run and the escalation step, unique per page
 * @param seq the timeline entry number the send records
 * @param provider the provider to send through, by name; null for the channel's primary (how
 *     workflows recorded before provider failover ask)
 */
public record SendNotification(
    long incidentId,
    NotificationStep step,
    String idempotencyKey,
    Instant at,
    int seq,
    String provider) {

  /** Through the channel's primary provider. */
  public SendNotification(
      long incidentId, NotificationStep step, String idempotencyKey, Instant at, int seq) {
    this(incidentId, step, idempotencyKey, at, seq, null);
  }
}
