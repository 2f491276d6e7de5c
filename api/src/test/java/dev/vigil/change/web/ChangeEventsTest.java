package dev.vigil.change.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.support.AppTestBase;
import dev.vigil.support.HttpDriver.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * PagerDuty's Change Events API: the body and answers PagerDuty documents, the change kept for the
 * routing key's service and listed by the REST API; never an incident or a page.
 */
class ChangeEventsTest extends AppTestBase {

  @Test
  void anIncidentShowsTheChangesOfItsServiceAroundItsStart() {
    Team team = newTeam(60);
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    change(team, "Deployed checkout v41", now.minus(Duration.ofHours(3)));
    change(team, "Deployed checkout v42", now.minus(Duration.ofMinutes(10)));
    change(team, "Raised the connection pool to 50", now.minus(Duration.ofMinutes(2)));

    assertThat(sendTrigger(team.routingKey(), "checkout-5xx", "Checkout 5xx above 2%").status())
        .isEqualTo(202);
    Awaitility.await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> http().get("/api/v1/incidents/1", team.token()).status() == 200);

    JsonNode changes =
        http().get("/api/v1/incidents/1", team.token()).json().at("/incident/recent_changes");
    // Newest first; the one from three hours before is not "around" the incident.
    assertThat(changes.size()).isEqualTo(2);
    assertThat(changes.get(0).get("summary").asString())
        .isEqualTo("Raised the connection pool to 50");
    assertThat(changes.get(1).get("summary").asString()).isEqualTo("Deployed checkout v42");
    assertThat(changes.get(1).get("timestamp").asString())
        .isEqualTo(now.minus(Duration.ofMinutes(10)).toString());
    // Lists stay light.
    assertThat(
            http()
                .get("/api/v1/incidents", team.token())
                .json()
                .at("/incidents/0/recent_changes")
                .size())
        .isZero();
  }

  private void change(Team team, String summary, Instant at) {
    Response sent =
        http()
            .postJson(
                "/v2/change/enqueue",
                """
                {"routing_key": "%s",
                 "payload": {"summary": "%s", "timestamp": "%s", "source": "ci"}}"""
                    .formatted(team.routingKey(), summary, at));
    assertThat(sent.status()).isEqualTo(202);
  }

  @Test
  void aChangeEventIsAcceptedAsPagerDutyAnswersAndListedForItsService() {
    Team team = newTeam(60);
    Response sent =
        http()
            .postJson(
                "/v2/change/enqueue",
                """
                {"routing_key": "%s",
                 "payload": {"summary": "Deployed checkout v42", "timestamp": "2026-11-28T20:00:00Z",
                             "source": "github-actions",
                             "custom_details": {"build_state": "passed", "build_number": "2"}},
                 "links": [{"href": "https://ci.example.com/builds/2", "text": "Build 2"}]}"""
                    .formatted(team.routingKey()));

    assertThat(sent.status()).isEqualTo(202);
    assertThat(sent.json().get("status").asString()).isEqualTo("success");
    assertThat(sent.json().get("message").asString()).isEqualTo("Change event processed");
    assertThat(incidentCount(team.accountId())).isZero();

    Response listed =
        http()
            .get(
                "/api/v1/change_events?service_id="
                    + firstServiceId(team)
                    + "&since=2026-11-28T19:00:00Z&until=2026-11-28T21:00:00Z",
                team.token());
    assertThat(listed.status()).isEqualTo(200);
    JsonNode change = listed.json().at("/change_events/0");
    assertThat(listed.json().at("/change_events").size()).isEqualTo(1);
    assertThat(change.get("summary").asString()).isEqualTo("Deployed checkout v42");
    assertThat(change.get("source").asString()).isEqualTo("github-actions");
    assertThat(change.get("timestamp").asString()).isEqualTo("2026-11-28T20:00:00Z");
    assertThat(change.at("/service/id").asLong()).isEqualTo(firstServiceId(team));
    assertThat(change.at("/custom_details/build_state").asString()).isEqualTo("passed");
    assertThat(change.at("/links/0/href").asString()).isEqualTo("https://ci.example.com/builds/2");
    // Outside the window asked for: not listed.
    assertThat(
            http()
                .get("/api/v1/change_events?since=2026-11-28T20:00:01Z", team.token())
                .json()
                .at("/change_events")
                .size())
        .isZero();
    // Another account sees none of it.
    assertThat(
            http()
                .get("/api/v1/change_events", newTeam(60).token())
                .json()
                .at("/change_events")
                .size())
        .isZero();
  }

  @Test
  void aBadChangeEventIs400InPagerDutysShapeAndNothingIsStored() {
    Team team = newTeam(60);
    Response noSummary =
        http()
            .postJson(
                "/v2/change/enqueue",
                "{\"routing_key\": \"%s\", \"payload\": {\"source\": \"ci\"}}"
                    .formatted(team.routingKey()));
    Response unknownKey =
        http()
            .postJson(
                "/v2/change/enqueue",
                "{\"routing_key\": \"%s\", \"payload\": {\"summary\": \"x\"}}"
                    .formatted("0".repeat(32)));
    Response badTime =
        http()
            .postJson(
                "/v2/change/enqueue",
                "{\"routing_key\": \"%s\", \"payload\": {\"summary\": \"x\", \"timestamp\": \"soon\"}}"
                    .formatted(team.routingKey()));

    assertThat(noSummary.status()).isEqualTo(400);
    assertThat(noSummary.json().get("status").asString()).isEqualTo("invalid event");
    assertThat(noSummary.body()).contains("payload.summary");
    assertThat(unknownKey.status()).isEqualTo(400);
    assertThat(badTime.status()).isEqualTo(400);
    assertThat(badTime.body()).contains("payload.timestamp");
    assertThat(http().get("/api/v1/change_events", team.token()).json().at("/change_events").size())
        .isZero();
    assertThat(
            http()
                .get(
                    "/api/v1/change_events?since=2026-01-02T00:00:00Z&until=2026-01-01T00:00:00Z",
                    team.token())
                .status())
        .isEqualTo(400);
  }
}
