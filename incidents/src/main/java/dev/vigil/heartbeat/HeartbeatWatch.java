package dev.vigil.heartbeat;

/**
 * What a run of {@link HeartbeatWorkflow} starts from.
 *
 * @param intervalSeconds the interval the first ping brought (or the last one, after
 *     continue-as-new)
 * @param down whether the monitor's incident is open (carried over continue-as-new)
 */
public record HeartbeatWatch(long monitorId, long intervalSeconds, boolean down) {}
