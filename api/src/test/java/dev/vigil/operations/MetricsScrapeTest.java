package dev.vigil.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.support.AppTestBase;
import dev.vigil.support.HttpDriver;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * What an operator's Prometheus sees: the health probes answer anyone, the scrape answers only the
 * metrics token, and one incident moves Vigil's own series while Temporal's SDK reports its own.
 */
@TestPropertySource(properties = "vigil.metrics.token=" + MetricsScrapeTest.TOKEN)
class MetricsScrapeTest extends AppTestBase {

  static final String TOKEN = "metrics-token-for-tests-0123456789";

  @Test
  void healthAndReadinessAnswerWithoutATokenAndShowNoDetails() {
    for (String path :
        new String[] {
          "/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"
        }) {
      HttpDriver.Response response = http().get(path, null);

      assertThat(response.status()).as(path).isEqualTo(200);
      assertThat(response.json().get("status").asString()).as(path).isEqualTo("UP");
      assertThat(response.json().has("components")).as(path).isFalse();
      assertThat(response.json().has("details")).as(path).isFalse();
    }
  }

  @Test
  void theScrapeIsRefusedWithoutTheToken() {
    assertThat(http().get("/actuator/prometheus", null).status()).isEqualTo(401);
    assertThat(http().get("/actuator/prometheus", "Authorization", "Bearer wrong").status())
        .isEqualTo(401);
    // An API token is not a metrics token.
    assertThat(http().get("/actuator/prometheus", newTeam(60).token()).status()).isEqualTo(401);
    assertThat(scrape()).contains("vigil_events_total");
  }

  @Test
  void onlyHealthAndPrometheusAreExposed() {
    for (String path :
        new String[] {"/actuator", "/actuator/env", "/actuator/beans", "/actuator/metrics"}) {
      assertThat(http().get(path, "Authorization", "Bearer " + TOKEN).status())
          .as(path)
          .isEqualTo(404);
    }
  }

  @Test
  void oneIncidentShowsInVigilsSeriesAndTemporalsAlongside() {
    Team team = newTeam(60);
    String before = scrape();

    assertThat(sendTrigger(team.routingKey(), "disk-full", "Disk full on db-01").status())
        .isEqualTo(202);
    assertThat(sendTrigger("0".repeat(32), "disk-full", "Disk full").status()).isEqualTo(400);
    await().atMost(Duration.ofSeconds(30)).until(() -> inboxCount(team.accountId(), "sms") == 1);

    String accepted = "vigil_events_total{outcome=\"accepted\",reason=\"none\"}";
    String unknownKey = "vigil_events_total{outcome=\"refused\",reason=\"unknown_routing_key\"}";
    String sent = "vigil_pages_total{channel=\"sms\",outcome=\"sent\",provider=\"dev-inbox\"}";
    String lateness = "vigil_escalation_lateness_seconds_count";
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              String after = scrape();
              assertThat(value(after, accepted) - value(before, accepted))
                  .as(accepted)
                  .isEqualTo(1);
              assertThat(value(after, unknownKey) - value(before, unknownKey))
                  .as(unknownKey)
                  .isEqualTo(1);
              assertThat(
                      value(after, "vigil_incidents_opened_total")
                          - value(before, "vigil_incidents_opened_total"))
                  .as("incidents opened")
                  .isEqualTo(1);
              assertThat(value(after, sent) - value(before, sent)).as(sent).isEqualTo(1);
              assertThat(value(after, "vigil_page_failovers_total{channel=\"sms\"}")).isZero();
              // Level 1 was assigned: one observation, well under a minute late.
              assertThat(value(after, lateness) - value(before, lateness))
                  .as(lateness + " in\n" + vigilLines(after))
                  .isEqualTo(1);
              assertThat(after).contains("vigil_escalation_lateness_seconds_bucket{le=");
              String sum = "vigil_escalation_lateness_seconds_sum";
              assertThat(value(after, sum) - value(before, sum)).isBetween(0.0, 60.0);
            });
    // The SDK reports every ten seconds: its client and worker series follow.
    await()
        .atMost(Duration.ofSeconds(40))
        .untilAsserted(
            () ->
                assertThat(scrape())
                    .contains("temporal_request_total{")
                    .contains("temporal_workflow_task_execution_latency_seconds_count{"));
  }

  private String scrape() {
    HttpDriver.Response response =
        http().get("/actuator/prometheus", "Authorization", "Bearer " + TOKEN);
    assertThat(response.status()).isEqualTo(200);
    return response.body();
  }

  private static String vigilLines(String scrape) {
    return String.join("\n", scrape.lines().filter(l -> l.startsWith("vigil_")).toList());
  }

  /** A series' value in the text format, 0 when absent (a counter not yet incremented). */
  private static double value(String scrape, String series) {
    Matcher line = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)").matcher(scrape);
    return line.find() ? Double.parseDouble(line.group(1)) : 0;
  }
}
