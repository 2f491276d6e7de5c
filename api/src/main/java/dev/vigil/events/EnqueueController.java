package dev.vigil.events;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * PagerDuty Events API v2: {@code POST /v2/enqueue}. Responses keep PagerDuty's own shape so that
 * existing integrations (Alertmanager, Grafana, Datadog, ...) understand them.
 */
@RestController
class EnqueueController {

  private static final Logger log = LoggerFactory.getLogger(EnqueueController.class);

  /** PagerDuty's limit for one event. */
  static final int MAX_BODY_BYTES = 512 * 1024;

  private final EventParser parser;
  private final EventIntake intake;
  private final EventMetrics metrics;

  EnqueueController(EventParser parser, EventIntake intake, EventMetrics metrics) {
    this.parser = parser;
    this.intake = intake;
    this.metrics = metrics;
  }

  @PostMapping("/v2/enqueue")
  ResponseEntity<Map<String, Object>> enqueue(HttpServletRequest request) throws IOException {
    byte[] body = readBounded(request);
    if (body == null) {
      metrics.refused(EventMetrics.Refusal.TOO_LARGE);
      return respond(
          HttpStatus.CONTENT_TOO_LARGE, "invalid event", "Event is larger than 512 KB", List.of());
    }
    EnqueueEvent event = parser.parse(body);
    String dedupKey = intake.accept(event);
    metrics.accepted();
    Map<String, Object> accepted = new LinkedHashMap<>();
    accepted.put("status", "success");
    accepted.put("message", "Event processed");
    accepted.put("dedup_key", dedupKey);
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(accepted);
  }

  /**
   * PagerDuty Change Events: {@code POST /v2/change/enqueue}, same routing keys, limits and error
   * shapes; kept for the service, never an incident or a page.
   */
  @PostMapping("/v2/change/enqueue")
  ResponseEntity<Map<String, Object>> enqueueChange(HttpServletRequest request) throws IOException {
    byte[] body = readBounded(request);
    if (body == null) {
      metrics.refused(EventMetrics.Refusal.TOO_LARGE);
      return respond(
          HttpStatus.CONTENT_TOO_LARGE, "invalid event", "Event is larger than 512 KB", List.of());
    }
    intake.acceptChange(parser.parseChange(body));
    metrics.accepted();
    Map<String, Object> accepted = new LinkedHashMap<>();
    accepted.put("status", "success");
    accepted.put("message", "Change event processed");
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(accepted);
  }

  /**
   * The legacy Events API v1, for integrations set up before v2: the same intake, answered in v1's
   * shape ({@code 200} with the {@code incident_key}) once the event is durable.
   */
  @PostMapping("/generic/2010-04-15/create_event.json")
  ResponseEntity<Map<String, Object>> createEventV1(HttpServletRequest request) throws IOException {
    byte[] body = readBounded(request);
    if (body == null) {
      metrics.refused(EventMetrics.Refusal.TOO_LARGE);
      return respond(
          HttpStatus.CONTENT_TOO_LARGE, "invalid event", "Event is larger than 512 KB", List.of());
    }
    String incidentKey = intake.accept(parser.parseV1(body));
    metrics.accepted();
    Map<String, Object> accepted = new LinkedHashMap<>();
    accepted.put("status", "success");
    accepted.put("message", "Event processed");
    accepted.put("incident_key", incidentKey);
    return ResponseEntity.ok(accepted);
  }

  @ExceptionHandler(InvalidEventException.class)
  ResponseEntity<Map<String, Object>> invalid(InvalidEventException e) {
    metrics.refused(
        e instanceof UnknownRoutingKeyException
            ? EventMetrics.Refusal.UNKNOWN_ROUTING_KEY
            : EventMetrics.Refusal.INVALID);
    return respond(HttpStatus.BAD_REQUEST, "invalid event", "Event object is invalid", e.errors());
  }

  /**
   * Over a rate limit: PagerDuty answers 429 and does not take the event; senders retry later, and
   * {@code Retry-After} says when (docs/decisions/0018).
   */
  @ExceptionHandler(EventThrottledException.class)
  ResponseEntity<Map<String, Object>> throttled(EventThrottledException e) {
    metrics.refused(EventMetrics.Refusal.RATE_LIMITED);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", "throttle event");
    body.put("message", "Requests for this integration are arriving too quickly; retry later");
    body.put("errors", List.of(e.getMessage()));
    return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
        .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
        .body(body);
  }

  /**
   * The event could not be made durable for now (Temporal or PostgreSQL unreachable or overloaded):
   * nothing was promised, so the sender is told to retry, as PagerDuty clients do on 5xx.
   */
  @ExceptionHandler(EventNotDurableException.class)
  ResponseEntity<Map<String, Object>> unavailable(EventNotDurableException e) {
    log.error("Could not accept an event: {}", e.getCause().toString());
    metrics.refused(EventMetrics.Refusal.UNAVAILABLE);
    return respond(
        HttpStatus.SERVICE_UNAVAILABLE,
        "unavailable",
        "Event could not be accepted now; retry",
        List.of());
  }

  /**
   * A failure that retrying would not heal, and that validation did not foresee: a bug of ours,
   * answered as one rather than as "retry" (docs/decisions/0017).
   */
  @ExceptionHandler(RuntimeException.class)
  ResponseEntity<Map<String, Object>> failed(RuntimeException e) {
    log.error("Failed on an event", e);
    metrics.refused(EventMetrics.Refusal.ERROR);
    return respond(
        HttpStatus.INTERNAL_SERVER_ERROR, "error", "Event could not be processed", List.of());
  }

  /** Reads at most the limit plus one byte: a huge body is refused without being held in memory. */
  private static byte[] readBounded(HttpServletRequest request) throws IOException {
    if (request.getContentLengthLong() > MAX_BODY_BYTES) {
      return null;
    }
    try (InputStream in = request.getInputStream()) {
      byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
      return body.length > MAX_BODY_BYTES ? null : body;
    }
  }

  private static ResponseEntity<Map<String, Object>> respond(
      HttpStatus status, String statusText, String message, List<String> errors) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", statusText);
    body.put("message", message);
    body.put("errors", errors);
    return ResponseEntity.status(status).body(body);
  }
}
