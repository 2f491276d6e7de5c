package dev.vigil.incident.web;

import dev.vigil.auth.ApiCaller;
import dev.vigil.incident.IncidentKey;
import dev.vigil.incident.record.AlertStore;
import dev.vigil.incident.record.IncidentEvents;
import dev.vigil.incident.record.IncidentReader;
import dev.vigil.web.ApiException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.ObjectMapper;

/**
 * An incident made by hand on a service: stored as an alert with a key of its own and started as
 * the Events API starts one, so it is recorded, escalated and paged like any other
 * (docs/decisions/0035).
 */
@RestController
class ManualIncidentController {

  static final int TITLE_MAX_CHARS = 1_024;
  static final int DETAILS_MAX_CHARS = 10_000;
  private static final Set<String> URGENCIES = Set.of("high", "low");

  /** How long the answer waits for the workflow to record the incident before answering 202. */
  private static final Duration RECORDED_WITHIN = Duration.ofSeconds(10);

  private final IncidentEvents events;
  private final IncidentReader reader;
  private final IncidentViews views;
  private final ObjectMapper json;

  ManualIncidentController(
      IncidentEvents events, IncidentReader reader, IncidentViews views, ObjectMapper json) {
    this.events = events;
    this.json = json;
    this.reader = reader;
    this.views = views;
  }

  record NewIncident(
      Long serviceId, String title, String details, String urgency, Long assigneeUserId) {}

  @PostMapping("/api/v1/incidents")
  ResponseEntity<Map<String, Object>> create(
      @RequestAttribute(ApiCaller.ATTRIBUTE) ApiCaller caller, @RequestBody NewIncident body) {
    String urgency = body.urgency() == null ? "high" : body.urgency();
    List<String> errors = new ArrayList<>();
    if (body.serviceId() == null) {
      errors.add("'service_id' is required");
    } else if (reader.activeServiceName(caller.accountId(), body.serviceId()).isEmpty()) {
      errors.add("'service_id' names no service of this account");
    }
    if (body.title() == null || body.title().isBlank()) {
      errors.add("'title' is required");
    } else if (body.title().length() > TITLE_MAX_CHARS) {
      errors.add("'title' must be at most " + TITLE_MAX_CHARS + " characters");
    }
    if (body.details() != null && body.details().length() > DETAILS_MAX_CHARS) {
      errors.add("'details' must be at most " + DETAILS_MAX_CHARS + " characters");
    }
    if (!URGENCIES.contains(urgency)) {
      errors.add("'urgency' must be high or low");
    }
    if (body.assigneeUserId() != null
        && reader.userName(caller.accountId(), body.assigneeUserId()).isEmpty()) {
      errors.add("'assignee_user_id' names no user of this account");
    }
    if (!errors.isEmpty()) {
      throw ApiException.badRequest(errors);
    }
    // A key of its own: a hand-made incident never joins another, and nothing can resolve it by
    // key but someone who reads it here.
    String dedupKey = "manual-" + UUID.randomUUID().toString().replace("-", "");
    IncidentKey key = new IncidentKey(caller.accountId(), body.serviceId(), dedupKey);
    IncidentEvents.Triggered triggered =
        events.openByHand(
            key,
            new AlertStore.NewAlert(
                UUID.randomUUID(),
                body.title(),
                "manual",
                "high".equals(urgency) ? "critical" : "info",
                null,
                null,
                null,
                body.details() == null
                    ? null
                    : json.writeValueAsString(Map.of("details", body.details())),
                caller.tokenName(),
                null,
                null,
                null,
                null,
                Instant.now()),
            urgency,
            body.assigneeUserId());
    Optional<IncidentReader.IncidentRow> recorded =
        awaitRecorded(caller.accountId(), triggered.alertId());
    if (recorded.isEmpty()) {
      return ResponseEntity.status(HttpStatus.ACCEPTED)
          .body(Map.of("status", "accepted", "dedup_key", dedupKey));
    }
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(Map.of("incident", views.full(recorded.get())));
  }

  private Optional<IncidentReader.IncidentRow> awaitRecorded(long accountId, long alertId) {
    long giveUpAt = System.nanoTime() + RECORDED_WITHIN.toNanos();
    while (System.nanoTime() < giveUpAt) {
      Optional<IncidentReader.IncidentRow> row = reader.openedBy(accountId, alertId);
      if (row.isPresent()) {
        return row;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return Optional.empty();
  }
}
