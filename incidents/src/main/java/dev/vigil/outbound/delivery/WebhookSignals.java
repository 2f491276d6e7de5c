package dev.vigil.outbound.delivery;

/** Tells a lane's delivery workflow that the outbox has something for it. */
@FunctionalInterface
public interface WebhookSignals {

  void signal(long subscriptionId, String lane);
}
