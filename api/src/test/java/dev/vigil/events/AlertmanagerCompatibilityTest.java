package dev.vigil.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bodies exactly as Prometheus Alertmanager's PagerDuty receiver (Events API v2, notify/pagerduty)
 * posts them: Go's json.Encoder output, so one compact line with a trailing newline, struct field
 * order, map keys sorted, and '&', '<', '>' escaped as \u0026, \u003c, \u003e. Alertmanager always
 * sends custom_details values as strings, never sends a timestamp, never sends acknowledge, and
 * sends the full payload with resolves too. dedup_key is the SHA-256 of the alert group key.
 */
class AlertmanagerCompatibilityTest {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private static final String ROUTING_KEY = "f3a2c1d4e5b6a7980123456789abcdef";
  private static final String DEDUP_KEY =
      "558b79073d7341d427c63af07b90f482a501267929ebae0c3c90273093254c92";

  /**
   * Uses a Java string (not a text block) so that the JSON escapes below are the bytes Go emits.
   */
  private static final String TRIGGER =
      "{\"routing_key\":\""
          + ROUTING_KEY
          + "\","
          + "\"dedup_key\":\""
          + DEDUP_KEY
          + "\",\"event_action\":\"trigger\","
          + "\"payload\":{\"summary\":\"[FIRING:1] HighErrorRate (api-server critical)\","
          + "\"source\":\"Alertmanager\",\"severity\":\"critical\","
          + "\"custom_details\":{"
          + "\"firing\":\"Labels:\\n - alertname = HighErrorRate\\n - instance = api-server:8080\\n - job = api\\n"
          + " - severity = critical\\nAnnotations:\\n - description = 5xx rate is \\u003e 5% for 10m\\n"
          + " - summary = High HTTP error rate\\nSource: http://prometheus:9090/graph?g0.expr=rate%28http_errors_total"
          + "%5B5m%5D%29+%3E+0.05\\u0026g0.tab=1\\n\","
          + "\"num_firing\":\"1\",\"num_resolved\":\"0\",\"resolved\":\"\"}},"
          + "\"client\":\"Alertmanager\","
          + "\"client_url\":\"http://alertmanager:9093/#/alerts?receiver=pagerduty-critical\","
          + "\"images\":[],"
          + "\"links\":[{\"href\":\"https://runbooks.example.com/HighErrorRate\",\"text\":\"Runbook\"}]}\n";

  /**
   * The matching resolve. Go's omitempty drops the empty images slice, which is what current
   * Alertmanager versions actually send (the trigger above keeps "images":[] to cover both shapes).
   */
  private static final String RESOLVE =
      "{\"routing_key\":\""
          + ROUTING_KEY
          + "\","
          + "\"dedup_key\":\""
          + DEDUP_KEY
          + "\",\"event_action\":\"resolve\","
          + "\"payload\":{\"summary\":\"[RESOLVED] HighErrorRate (api-server critical)\","
          + "\"source\":\"Alertmanager\",\"severity\":\"critical\","
          + "\"custom_details\":{\"firing\":\"\",\"num_firing\":\"0\",\"num_resolved\":\"1\","
          + "\"resolved\":\"Labels:\\n - alertname = HighErrorRate\\n - instance = api-server:8080\\n\"}},"
          + "\"client\":\"Alertmanager\","
          + "\"client_url\":\"http://alertmanager:9093/#/alerts?receiver=pagerduty-critical\","
          + "\"links\":[{\"href\":\"https://runbooks.example.com/HighErrorRate\",\"text\":\"Runbook\"}]}\n";

  private final EventParser parser = new EventParser(MAPPER);

  @Test
  void parsesTrigger() {
    EnqueueEvent event = parse(TRIGGER);

    assertThat(event.routingKey()).isEqualTo(ROUTING_KEY);
    assertThat(event.action()).isEqualTo(EventAction.TRIGGER);
    assertThat(event.dedupKey()).isEqualTo(DEDUP_KEY);
    assertThat(event.client()).isEqualTo("Alertmanager");
    assertThat(event.clientUrl())
        .isEqualTo("http://alertmanager:9093/#/alerts?receiver=pagerduty-critical");
    assertThat(event.imagesJson()).isEqualTo("[]");
    assertThat(event.linksJson())
        .isEqualTo(
            "[{\"href\":\"https://runbooks.example.com/HighErrorRate\",\"text\":\"Runbook\"}]");

    EventPayload payload = event.payload();
    assertThat(payload.summary()).isEqualTo("[FIRING:1] HighErrorRate (api-server critical)");
    assertThat(payload.source()).isEqualTo("Alertmanager");
    assertThat(payload.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(payload.timestamp()).isNull();
    assertThat(payload.component()).isNull();
    assertThat(payload.group()).isNull();
    assertThat(payload.eventClass()).isNull();
  }

  @Test
  void keepsStringCustomDetailsWithGoEscapesDecoded() {
    JsonNode details = MAPPER.readTree(parse(TRIGGER).payload().customDetailsJson());

    assertThat(details.get("num_firing").isString()).isTrue();
    assertThat(details.get("num_firing").stringValue()).isEqualTo("1");
    assertThat(details.get("num_resolved").stringValue()).isEqualTo("0");
    assertThat(details.get("resolved").stringValue()).isEmpty();
    assertThat(details.get("firing").stringValue())
        .startsWith("Labels:\n - alertname = HighErrorRate\n")
        .contains("5xx rate is > 5% for 10m")
        .endsWith("%3E+0.05&g0.tab=1\n");
  }

  @Test
  void parsesResolveAndIgnoresItsPayload() {
    EnqueueEvent event = parse(RESOLVE);

    assertThat(event.action()).isEqualTo(EventAction.RESOLVE);
    assertThat(event.dedupKey()).isEqualTo(parse(TRIGGER).dedupKey());
    assertThat(event.payload()).isNull();
    assertThat(event.imagesJson()).isNull();
    assertThat(event.linksJson()).isNull(); // links only decorate a new alert
  }

  @Test
  void parsesResolveWithoutPayload() {
    String body =
        "{\"routing_key\":\""
            + ROUTING_KEY
            + "\",\"dedup_key\":\""
            + DEDUP_KEY
            + "\",\"event_action\":\"resolve\"}\n";

    assertThat(parse(body).action()).isEqualTo(EventAction.RESOLVE);
  }

  @Test
  void parsesTriggerWithDefaultSeverityAndOptionalReceiverFields() {
    // Alertmanager defaults severity to "error"; class/component/group appear only when configured,
    // and images/links are omitted entirely when none are configured.
    String body =
        "{\"routing_key\":\""
            + ROUTING_KEY
            + "\",\"dedup_key\":\""
            + DEDUP_KEY
            + "\","
            + "\"event_action\":\"trigger\",\"payload\":{\"summary\":\"[FIRING:2] DiskFull \",\"source\":\"prod-eu\","
            + "\"severity\":\"error\",\"class\":\"storage\",\"component\":\"node-exporter\",\"group\":\"prod\","
            + "\"custom_details\":{\"firing\":\"...\",\"num_firing\":\"2\",\"num_resolved\":\"0\",\"resolved\":\"\"}},"
            + "\"client\":\"Alertmanager\",\"client_url\":\"http://alertmanager:9093/#/alerts?receiver=pd\"}\n";

    EnqueueEvent event = parse(body);

    assertThat(event.payload().severity()).isEqualTo(Severity.ERROR);
    assertThat(event.payload().eventClass()).isEqualTo("storage");
    assertThat(event.payload().component()).isEqualTo("node-exporter");
    assertThat(event.payload().group()).isEqualTo("prod");
    assertThat(event.imagesJson()).isNull();
    assertThat(event.linksJson()).isNull();
  }

  @Test
  void acceptsSummaryTruncatedByAlertmanagerToTheRuneLimit() {
    // Alertmanager's TruncateInRunes cuts at 1024 runes ending in an ellipsis; with non-BMP
    // characters that is far more than 1024 UTF-16 units and must still be accepted.
    String summary = "\uD83D\uDEA8".repeat(1023) + "\u2026";
    String body = TRIGGER.replace("[FIRING:1] HighErrorRate (api-server critical)", summary);

    assertThat(parse(body).payload().summary()).isEqualTo(summary);
  }

  private EnqueueEvent parse(String body) {
    return parser.parse(body.getBytes(StandardCharsets.UTF_8));
  }
}
