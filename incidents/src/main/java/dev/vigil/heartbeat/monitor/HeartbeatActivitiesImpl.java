package dev.vigil.heartbeat.monitor;

import dev.vigil.heartbeat.HeartbeatActivities;
import dev.vigil.incident.IncidentKey;
import dev.vigil.incident.Responder;
import dev.vigil.incident.record.AlertIntake;
import dev.vigil.incident.record.AlertStore;
import dev.vigil.incident.record.IncidentEvents;
import dev.vigil.oncall.heartbeat.HeartbeatMonitor;
import dev.vigil.oncall.heartbeat.HeartbeatMonitors;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.ObjectMapper;

/**
 * Opens and resolves a monitor's incident. The incident is keyed by the monitor alone (never
 * grouped with the service's other alerts), so the ping that follows resolves exactly it; a
 * maintenance window suppresses it like any alert.
 */
public class HeartbeatActivitiesImpl implements HeartbeatActivities {

  /** The integration name on the incident's timeline and alert. */
  static final String CLIENT = "Vigil heartbeat";

  private final HeartbeatMonitors monitors;
  private final AlertIntake intake;
  private final IncidentEvents incidents;
  private final ObjectMapper json;

  public HeartbeatActivitiesImpl(
      HeartbeatMonitors monitors, AlertIntake intake, IncidentEvents incidents, ObjectMapper json) {
    this.monitors = monitors;
    this.intake = intake;
    this.incidents = incidents;
    this.json = json;
  }

  /** The dedup key of a monitor's incident. */
  static String dedupKey(long monitorId) {
    return "heartbeat-" + monitorId;
  }

  @Override
  public boolean missed(long monitorId) {
    Optional<HeartbeatMonitor> found = monitors.byId(monitorId);
    if (found.isEmpty()) {
      return false;
    }
    HeartbeatMonitor monitor = found.get();
    monitors.markStatus(monitorId, "down");
    Instant now = Instant.now();
    intake.trigger(key(monitor), alert(monitor, now), AlertIntake.Grouping.OWN_KEY);
    return true;
  }

  @Override
  public boolean recovered(long monitorId) {
    Optional<HeartbeatMonitor> found = monitors.byId(monitorId);
    if (found.isEmpty()) {
      return false;
    }
    incidents.resolve(key(found.get()), Responder.integration(CLIENT));
    monitors.markStatus(monitorId, "up");
    return true;
  }

  private static IncidentKey key(HeartbeatMonitor monitor) {
    return new IncidentKey(monitor.accountId(), monitor.serviceId(), dedupKey(monitor.id()));
  }

  private AlertStore.NewAlert alert(HeartbeatMonitor monitor, Instant now) {
    Duration interval = Duration.ofSeconds(monitor.intervalSeconds());
    String summary = "Heartbeat '" + monitor.name() + "' missed: no ping for " + readable(interval);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("monitor", monitor.name());
    details.put("interval_seconds", monitor.intervalSeconds());
    details.put(
        "last_ping_at", monitor.lastPingAt() == null ? null : monitor.lastPingAt().toString());
    return new AlertStore.NewAlert(
        UUID.randomUUID(),
        summary,
        CLIENT,
        "critical",
        monitor.name(),
        null,
        "heartbeat",
        json.writeValueAsString(details),
        CLIENT,
        null,
        null,
        null,
        now,
        now);
  }

  /** "90 seconds", "5 minutes", "1 day": as an admin typed it, roughly. */
  static String readable(Duration interval) {
    long seconds = interval.toSeconds();
    if (seconds % 86_400 == 0) {
      return plural(seconds / 86_400, "day");
    }
    if (seconds % 3_600 == 0) {
      return plural(seconds / 3_600, "hour");
    }
    if (seconds % 60 == 0) {
      return plural(seconds / 60, "minute");
    }
    return plural(seconds, "second");
  }

  private static String plural(long n, String unit) {
    return n + " " + unit + (n == 1 ? "" : "s");
  }
}
