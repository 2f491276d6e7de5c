package dev.vigil.outbound;

/**
 * What a delivery workflow serves: one subscription's deliveries of one lane (an incident, or a
 * test ping), with how long it keeps retrying one delivery before giving up on it.
 *
 * @param lane {@code incident-<id>} or {@code ping-<delivery id>}
 */
public record WebhookLane(
    long subscriptionId,
    String lane,
    long giveUpAfterSeconds,
    long firstRetrySeconds,
    long longestRetrySeconds) {}
