package dev.vigil.oncall.heartbeat;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.List;

/** A heartbeat monitor to create on a service, or its new settings. */
@Schema(example = "{\"name\": \"nightly-backup\", \"interval_seconds\": 86400}")
public record HeartbeatMonitorRequest(String name, Integer intervalSeconds) {

  public static final int MAX_NAME = 200;

  /** A week: a job that runs less often than that is better watched by its own schedule. */
  public static final int LONGEST_INTERVAL = 7 * 24 * 3600;

  /** Every fault, each naming its field; empty when valid. */
  public List<String> problems(int shortestInterval) {
    List<String> errors = new ArrayList<>();
    if (name == null || name.isBlank()) {
      errors.add("'name' is required");
    } else if (name.length() > MAX_NAME) {
      errors.add("'name' must be at most " + MAX_NAME + " characters");
    }
    if (intervalSeconds == null) {
      errors.add("'interval_seconds' is required");
    } else if (intervalSeconds < shortestInterval || intervalSeconds > LONGEST_INTERVAL) {
      errors.add(
          "'interval_seconds' must be between " + shortestInterval + " and " + LONGEST_INTERVAL);
    }
    return errors;
  }
}
