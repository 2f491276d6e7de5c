package dev.vigil.oncall.heartbeat;

import java.time.Instant;

/**
 * A service's heartbeat monitor as stored.
 *
 * @param status {@code waiting} (never pinged), {@code up}, or {@code down} (an interval passed
 *     without a ping; its incident is open until the next ping)
 */
public record HeartbeatMonitor(
    long id,
    long accountId,
    long serviceId,
    String name,
    int intervalSeconds,
    String status,
    Instant lastPingAt,
    Instant createdAt) {}
