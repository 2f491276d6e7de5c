package dev.vigil.events;

import dev.vigil.heartbeat.monitor.Heartbeats;
import dev.vigil.oncall.heartbeat.HeartbeatMonitor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * A heartbeat monitor's ping URL (docs/decisions/0057): {@code GET}, {@code HEAD} or {@code POST}
 * {@code /heartbeats/<secret>}, so that {@code curl -fsS <url>} at the end of a cron job is all a
 * sender needs. The secret is the credential. 202 once the ping is durable in Temporal; pings count
 * against the account's event allowance like any event.
 */
@RestController
class HeartbeatPingController {

  private static final Logger log = LoggerFactory.getLogger(HeartbeatPingController.class);

  private final Heartbeats heartbeats;
  private final EventRateLimits limits;

  HeartbeatPingController(Heartbeats heartbeats, EventRateLimits limits) {
    this.heartbeats = heartbeats;
    this.limits = limits;
  }

  @RequestMapping(
      path = "/heartbeats/{secret}",
      method = {RequestMethod.GET, RequestMethod.HEAD, RequestMethod.POST})
  ResponseEntity<Map<String, Object>> ping(@PathVariable String secret) {
    try {
      Optional<HeartbeatMonitor> monitor = heartbeats.ping(secret, limits::admitPing);
      if (monitor.isEmpty()) {
        return answer(HttpStatus.NOT_FOUND, "not found", "No heartbeat monitor has this URL");
      }
      Map<String, Object> body = answerBody("success", "Ping recorded");
      body.put("monitor", monitor.get().name());
      body.put("interval_seconds", monitor.get().intervalSeconds());
      return ResponseEntity.status(HttpStatus.ACCEPTED).body(body);
    } catch (EventThrottledException e) {
      return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
          .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
          .body(answerBody("throttle event", e.getMessage()));
    } catch (RuntimeException e) {
      if (!TransientFailures.isTransient(e)) {
        throw e;
      }
      log.error("Could not record a heartbeat ping: {}", e.toString());
      return answer(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Ping not recorded; retry");
    }
  }

  private static ResponseEntity<Map<String, Object>> answer(
      HttpStatus status, String state, String message) {
    return ResponseEntity.status(status).body(answerBody(state, message));
  }

  private static Map<String, Object> answerBody(String state, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", state);
    body.put("message", message);
    return body;
  }
}
