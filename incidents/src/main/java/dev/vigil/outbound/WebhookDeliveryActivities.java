package dev.vigil.outbound;

import io.temporal.activity.ActivityInterface;

/**
 * The outbox and the receiver, as a delivery workflow sees them (WebhookSend, ...: the worker is
 * shared).
 */
@ActivityInterface(namePrefix = "Webhook")
public interface WebhookDeliveryActivities {

  /** The lane's next undelivered delivery (by timeline order), or null when there is none. */
  Long nextPending(long subscriptionId, String lane);

  /**
   * One attempt: signs and posts the delivery's body. Throws when the receiver did not answer 2xx
   * (retried), or when the target is refused (not retried).
   */
  void send(long deliveryId);

  /** Marks a delivery failed for good, with why. */
  void giveUp(long deliveryId, String reason);
}
