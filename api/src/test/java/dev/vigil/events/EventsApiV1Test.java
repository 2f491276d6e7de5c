package dev.vigil.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.support.AppTestBase;
import dev.vigil.support.HttpDriver.Response;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The legacy Events API v1 ({@code POST /generic/2010-04-15/create_event.json}) that older
 * integrations still send: the same incidents and pages as v2, answered in v1's shape.
 */
class EventsApiV1Test extends AppTestBase {

  private static final String V1 = "/generic/2010-04-15/create_event.json";

  @Test
  void aV1TriggerPagesWithItsDetailsAndLinksAndAV1ResolveEndsIt() {
    Team team = newTeam(60);
    Response triggered =
        http()
            .postJson(
                V1,
                """
                {"service_key": "%s", "event_type": "trigger", "incident_key": "srv01/HTTP",
                 "description": "FAILURE for production/HTTP on machine srv01.acme.com",
                 "client": "Sample Monitoring Service", "client_url": "https://monitoring.example.com",
                 "details": {"ping time": "1500ms", "load avg": 0.75},
                 "contexts": [{"type": "link", "href": "https://runbooks.example.com/http",
                               "text": "Runbook"},
                              {"type": "image", "src": "https://chart.example.com/load.png"}]}"""
                    .formatted(team.routingKey()));

    assertThat(triggered.status()).as(triggered.body()).isEqualTo(200);
    assertThat(triggered.json().get("status").asString()).isEqualTo("success");
    assertThat(triggered.json().get("incident_key").asString()).isEqualTo("srv01/HTTP");
    await().atMost(Duration.ofSeconds(15)).until(() -> inboxCount(team.accountId(), "sms") == 1);

    Response incident = http().get("/api/v1/incidents/1", team.token());
    assertThat(incident.json().at("/incident/title").asString())
        .isEqualTo("FAILURE for production/HTTP on machine srv01.acme.com");
    assertThat(incident.json().at("/incident/alerts/0/severity").asString()).isEqualTo("error");
    assertThat(incident.json().at("/incident/alerts/0/source").asString())
        .isEqualTo("Sample Monitoring Service");
    assertThat(incident.body())
        .contains("1500ms", "https://runbooks.example.com/http", "Runbook", "load.png");

    Response resolved =
        http()
            .postJson(
                V1,
                """
                {"service_key": "%s", "event_type": "resolve", "incident_key": "srv01/HTTP"}"""
                    .formatted(team.routingKey()));
    assertThat(resolved.status()).isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                "resolved"
                    .equals(
                        http()
                            .get("/api/v1/incidents/1", team.token())
                            .json()
                            .at("/incident/status")
                            .asString()));
  }

  @Test
  void aBadV1EventIsRefusedNamingV1sFieldsAndStoresNothing() {
    Team team = newTeam(60);
    Response refused =
        http()
            .postJson(
                V1,
                """
                {"service_key": "%s", "event_type": "trigger",
                 "contexts": [{"type": "video", "href": "x"}]}"""
                    .formatted(team.routingKey()));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().get("status").asString()).isEqualTo("invalid event");
    assertThat(refused.json().get("errors").toString())
        .contains("'description'", "'contexts[0].type' must be one of: link, image");

    Response noKey =
        http()
            .postJson(
                V1,
                "{\"service_key\": \"%s\", \"event_type\": \"acknowledge\"}"
                    .formatted(team.routingKey()));
    assertThat(noKey.status()).isEqualTo(400);
    assertThat(noKey.json().get("errors").toString()).contains("'incident_key'");

    Response shortKey =
        http()
            .postJson(
                V1,
                "{\"service_key\": \"abc\", \"event_type\": \"trigger\", \"description\": \"x\"}");
    assertThat(shortKey.status()).isEqualTo(400);
    assertThat(shortKey.json().get("errors").toString()).contains("'service_key'");
    assertThat(alertCount(team.accountId())).isZero();
  }
}
