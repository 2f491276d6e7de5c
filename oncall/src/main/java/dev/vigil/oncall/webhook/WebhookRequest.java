package dev.vigil.oncall.webhook;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.List;

/**
 * A webhook subscription to create, or the fields to change (a field left out, or null, stays as it
 * is; but {@code service_id} sent as null moves a subscription back to every service).
 */
@Schema(
    example =
        "{\"url\": \"https://hooks.example.com/vigil\", \"description\": \"Status page\","
            + " \"events\": [\"incident.triggered\", \"incident.resolved\"]}")
public record WebhookRequest(
    @Schema(description = "http or https; internal addresses are refused (see the README)")
        String url,
    String description,
    @ArraySchema(
            schema =
                @Schema(
                    allowableValues = {
                      "incident.triggered",
                      "incident.acknowledged",
                      "incident.unacknowledged",
                      "incident.resolved",
                      "incident.reassigned",
                      "incident.escalated",
                      "incident.priority_updated",
                      "incident.annotated"
                    }),
            arraySchema = @Schema(description = "Empty or left out: every event type"))
        List<String> events,
    @Schema(
            nullable = true,
            description =
                "Only this service's incidents; null: every service. On a change, null moves the"
                    + " subscription back to every service; left out, its service stays")
        Long serviceId,
    Boolean enabled) {

  public static final int MAX_URL = 2000;
  public static final int MAX_DESCRIPTION = 500;

  /** Every fault of the fields present, each naming its field; empty when valid. */
  public List<String> problems(boolean creating, boolean allowInternalTargets) {
    List<String> errors = new ArrayList<>();
    if (url == null) {
      if (creating) {
        errors.add("'url' is required");
      }
    } else if (url.isBlank()) {
      errors.add("'url' is required");
    } else if (url.length() > MAX_URL) {
      errors.add("'url' must be at most " + MAX_URL + " characters");
    } else {
      WebhookTargets.problem(url, allowInternalTargets).ifPresent(errors::add);
    }
    if (description != null && description.length() > MAX_DESCRIPTION) {
      errors.add("'description' must be at most " + MAX_DESCRIPTION + " characters");
    }
    if (events != null) {
      for (String event : events) {
        if (event == null || !WebhookEventTypes.ALL.contains(event)) {
          errors.add("'events' has an unknown event type: " + event);
          break;
        }
      }
    }
    return errors;
  }
}
