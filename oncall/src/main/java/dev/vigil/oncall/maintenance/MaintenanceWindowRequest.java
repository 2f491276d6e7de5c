package dev.vigil.oncall.maintenance;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A maintenance window to schedule: for one service, or with no {@code service_id} for every
 * service of the account. It may start in the past (a window for work already under way).
 */
@Schema(
    example =
        """
        {"service_id": 4, "description": "Database upgrade",
         "starts_at": "2026-12-01T22:00:00Z", "ends_at": "2026-12-02T01:00:00Z"}""")
public record MaintenanceWindowRequest(
    Long serviceId, String description, Instant startsAt, Instant endsAt) {

  /** Longer than this is not maintenance; it is a service switched off. */
  public static final Duration LONGEST = Duration.ofDays(30);

  public static final int MAX_DESCRIPTION = 1000;

  /** Every fault, each naming its field; empty when valid. */
  public List<String> problems() {
    List<String> errors = new ArrayList<>();
    if (startsAt == null) {
      errors.add("'starts_at' is required");
    }
    if (endsAt == null) {
      errors.add("'ends_at' is required");
    }
    if (startsAt != null && endsAt != null) {
      if (!endsAt.isAfter(startsAt)) {
        errors.add("'ends_at' must be after 'starts_at'");
      } else if (Duration.between(startsAt, endsAt).compareTo(LONGEST) > 0) {
        errors.add("'ends_at' must be at most 30 days after 'starts_at'");
      }
    }
    if (description != null && description.length() > MAX_DESCRIPTION) {
      errors.add("'description' must be at most " + MAX_DESCRIPTION + " characters");
    }
    return errors;
  }

  public String descriptionOrEmpty() {
    return description == null ? "" : description;
  }
}
