package dev.vigil.notification;

import io.temporal.activity.ActivityInterface;

/** Sends one notification through the configured provider for its channel. */
@ActivityInterface
public interface NotificationActivities {

  /**
   * Sends at most once per idempotency key: a retry after a completed send returns the first
   * receipt instead of paging again.
   */
  NotificationReceipt send(SendNotification request);
}
