package dev.vigil.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.support.AppTestBase;
import dev.vigil.support.HttpDriver.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v2/enqueue} over HTTP: PagerDuty's status codes and bodies, and that a refused event
 * changes nothing. The field-by-field rules are in {@link EventParserTest}.
 */
class EnqueueHttpTest extends AppTestBase {

  @Test
  void invalidEventIs400NamingEachFieldAndStoresNothing() {
    Team team = newTeam(60);
    String body =
        """
        {"routing_key": "%s", "event_action": "trigger",
         "payload": {"summary": "", "source": 42, "severity": "fatal"}}"""
            .formatted(team.routingKey());

    Response response = http().postJson("/v2/enqueue", body);

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("status").asString()).isEqualTo("invalid event");
    assertThat(response.json().get("message").asString()).isEqualTo("Event object is invalid");
    assertThat(response.json().get("errors").toString())
        .contains("payload.summary", "payload.source", "payload.severity");
    assertThat(alertCount(team.accountId())).isZero();
    assertThat(incidentCount(team.accountId())).isZero();
  }

  @Test
  void bodyThatIsNotJsonIs400InTheSameShape() {
    Response response = http().postJson("/v2/enqueue", "routing_key=abc&event_action=trigger");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("status").asString()).isEqualTo("invalid event");
    assertThat(response.json().get("errors").get(0).asString())
        .isEqualTo("Body is not a valid JSON object");
  }

  @Test
  void unknownRoutingKeyIs400() {
    Response response =
        http()
            .postJson(
                "/v2/enqueue",
                """
            {"routing_key": "00000000000000000000000000000000", "event_action": "trigger",
             "payload": {"summary": "s", "source": "s", "severity": "info"}}""");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("errors").get(0).asString()).contains("routing_key");
  }

  @Test
  void bodyOverHalfAMegabyteIs413AndStoresNothing() {
    Team team = newTeam(60);
    String padding = "x".repeat(EnqueueController.MAX_BODY_BYTES);
    String body =
        """
        {"routing_key": "%s", "event_action": "trigger",
         "payload": {"summary": "big", "source": "s", "severity": "info", "custom_details": {"blob": "%s"}}}"""
            .formatted(team.routingKey(), padding);

    Response response = http().postBytes("/v2/enqueue", body.getBytes(StandardCharsets.UTF_8));

    assertThat(response.status()).isEqualTo(413);
    assertThat(alertCount(team.accountId())).isZero();
  }

  @Test
  void acknowledgeOrResolveWithNothingOpenIsAcceptedAndDoesNothing() {
    Team team = newTeam(60);
    for (String action : List.of("acknowledge", "resolve")) {
      Response response =
          http()
              .postJson(
                  "/v2/enqueue",
                  """
              {"routing_key": "%s", "event_action": "%s", "dedup_key": "never-triggered"}"""
                      .formatted(team.routingKey(), action));
      assertThat(response.status()).isEqualTo(202);
      assertThat(response.json().get("dedup_key").asString()).isEqualTo("never-triggered");
    }
    assertThat(incidentCount(team.accountId())).isZero();
  }

  @Test
  void triggerWithoutDedupKeyGetsOneGenerated() {
    Team team = newTeam(60);
    Response response =
        http()
            .postJson(
                "/v2/enqueue",
                """
            {"routing_key": "%s", "event_action": "trigger",
             "payload": {"summary": "no key", "source": "s", "severity": "info"}}"""
                    .formatted(team.routingKey()));

    assertThat(response.status()).isEqualTo(202);
    String dedupKey = response.json().get("dedup_key").asString();
    assertThat(dedupKey).hasSize(32);
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                jdbc.sql("select count(*) from incidents where account_id = ? and dedup_key = ?")
                        .params(team.accountId(), dedupKey)
                        .query(Integer.class)
                        .single()
                    == 1);
  }

  @Test
  void concurrentDuplicateTriggersOpenExactlyOneIncident() throws Exception {
    Team team = newTeam(60);
    String body =
        """
        {"routing_key": "%s", "event_action": "trigger", "dedup_key": "storm",
         "payload": {"summary": "Storm", "source": "s", "severity": "error"}}"""
            .formatted(team.routingKey());
    int senders = 16;
    List<Future<Response>> responses = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      for (int i = 0; i < senders; i++) {
        responses.add(pool.submit(() -> http().postJson("/v2/enqueue", body)));
      }
      for (Future<Response> response : responses) {
        assertThat(response.get().status()).isEqualTo(202);
      }
    } finally {
      pool.shutdownNow();
    }

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                jdbc.sql("select alert_count from incidents where account_id = ?")
                        .param(team.accountId())
                        .query(Integer.class)
                        .optional()
                        .orElse(0)
                    == senders);
    assertThat(incidentCount(team.accountId())).isEqualTo(1);
    assertThat(alertCount(team.accountId())).isEqualTo(senders);
  }

  @Test
  void alertmanagerTriggerThenResolveOpensAndClosesTheIncident() {
    Team team = newTeam(60);
    // As Prometheus Alertmanager's PagerDuty receiver (v2) sends them: string custom_details, no
    // timestamp, and a resolve that repeats the payload.
    String payload =
        """
        "payload": {"summary": "[FIRING:1] HighErrorRate (api critical)", "source": "client_name",
                    "severity": "critical",
                    "custom_details": {"firing": "Labels:\\n - alertname = HighErrorRate\\n", "num_firing": "1",
                                       "num_resolved": "0", "resolved": ""}},
        "client": "Alertmanager", "client_url": "http://alertmanager:9093/#/alerts?receiver=pd",
        "images": [], "links": [{"href": "http://prometheus:9090/graph", "text": "Source"}]""";
    String dedup = "d5c2f0f2b0a1e0b4c8f7a1e0d9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0";
    String trigger =
        "{\"routing_key\":\""
            + team.routingKey()
            + "\",\"dedup_key\":\""
            + dedup
            + "\",\"event_action\":\"trigger\","
            + payload
            + "}\n";
    String resolve = trigger.replace("\"trigger\"", "\"resolve\"");

    assertThat(http().postJson("/v2/enqueue", trigger).status()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(15)).until(() -> inboxCount(team.aliceEmail()) == 1);
    assertThat(http().postJson("/v2/enqueue", resolve).status()).isEqualTo(202);

    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                "resolved"
                    .equals(
                        jdbc.sql("select status from incidents where account_id = ?")
                            .param(team.accountId())
                            .query(String.class)
                            .single()));
    String details =
        jdbc.sql("select custom_details::text from alerts where account_id = ?")
            .param(team.accountId())
            .query(String.class)
            .single();
    assertThat(details).contains("\"num_firing\": \"1\"");
  }
}
