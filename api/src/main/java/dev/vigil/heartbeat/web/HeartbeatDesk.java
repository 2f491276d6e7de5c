package dev.vigil.heartbeat.web;

import dev.vigil.auth.ApiCaller;
import dev.vigil.oncall.heartbeat.HeartbeatMonitor;
import dev.vigil.oncall.heartbeat.HeartbeatMonitorRequest;
import dev.vigil.oncall.heartbeat.HeartbeatMonitors;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * A service's heartbeat monitors as the console changes them: through the REST API's routes, so a
 * monitor made or deleted from a page is made or stopped exactly as by the API. Refusals are the
 * API's ({@code OnCallRefusal}, {@code ApiException}).
 */
@Component
public class HeartbeatDesk {

  private final HeartbeatMonitors monitors;
  private final HeartbeatMonitorController api;

  HeartbeatDesk(HeartbeatMonitors monitors, HeartbeatMonitorController api) {
    this.monitors = monitors;
    this.api = api;
  }

  /** With status and last ping; never the ping URL, whose secret is not kept. */
  public List<HeartbeatMonitor> list(ApiCaller caller, long serviceId) {
    return monitors.list(caller.accountId(), serviceId);
  }

  /** Makes a monitor; answers its ping URL, the only time it is visible. */
  public String create(ApiCaller caller, long serviceId, String name, Integer intervalSeconds) {
    return api.create(caller, serviceId, new HeartbeatMonitorRequest(name, intervalSeconds))
        .get("heartbeat")
        .pingUrl();
  }

  /** Stops watching it; an incident it opened stays open until resolved. */
  public void delete(ApiCaller caller, long serviceId, long id) {
    api.delete(caller, serviceId, id);
  }
}
