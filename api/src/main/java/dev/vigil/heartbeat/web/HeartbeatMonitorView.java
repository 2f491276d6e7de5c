package dev.vigil.heartbeat.web;

import dev.vigil.oncall.heartbeat.HeartbeatMonitor;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * A heartbeat monitor as the API sends it.
 *
 * @param pingUrl present only when the monitor is made or its URL replaced: the secret in it is not
 *     kept
 */
record HeartbeatMonitorView(
    long id,
    long serviceId,
    String name,
    int intervalSeconds,
    @Schema(allowableValues = {"waiting", "up", "down"}) String status,
    @Schema(nullable = true) Instant lastPingAt,
    Instant createdAt,
    @Schema(
            nullable = true,
            description = "Shown once, when the monitor is made or its URL replaced")
        String pingUrl) {

  static HeartbeatMonitorView of(HeartbeatMonitor monitor, String pingUrl) {
    return new HeartbeatMonitorView(
        monitor.id(),
        monitor.serviceId(),
        monitor.name(),
        monitor.intervalSeconds(),
        monitor.status(),
        monitor.lastPingAt(),
        monitor.createdAt(),
        pingUrl);
  }
}
