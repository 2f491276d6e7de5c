package dev.vigil.incident.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.support.AppTestBase;
import dev.vigil.support.HttpDriver.Response;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The REST API on incidents: tokens, account scoping, and refusals that change nothing. */
class IncidentApiTest extends AppTestBase {

  @Test
  void requestsWithoutAValidTokenAre401() {
    assertThat(http().get("/api/v1/incidents", (String) null).status()).isEqualTo(401);
    assertThat(http().get("/api/v1/incidents", "vgl_not-a-token").status()).isEqualTo(401);
    Response basic = http().get("/api/v1/incidents", "Authorization", "Basic YWxpY2U6c2VjcmV0");
    assertThat(basic.status()).isEqualTo(401);
    assertThat(basic.json().at("/error/code").asString()).isEqualTo("unauthorized");
  }

  @Test
  void bearerAndPagerDutyStyleTokensBothWork() {
    Team team = newTeam(60);
    assertThat(http().get("/api/v1/incidents", team.token()).status()).isEqualTo(200);
    assertThat(http().get("/api/v1/incidents", "Authorization", "Bearer " + team.token()).status())
        .isEqualTo(200);
  }

  @Test
  void anotherAccountsIncidentIsNotFoundAndCannotBeActedOn() {
    Team owner = newTeam(60);
    Team stranger = newTeam(60);
    long number = openIncident(owner, "private");

    assertThat(http().get("/api/v1/incidents/" + number, stranger.token()).status()).isEqualTo(404);
    assertThat(
            http().post("/api/v1/incidents/" + number + "/acknowledge", stranger.token()).status())
        .isEqualTo(404);
    assertThat(http().get("/api/v1/incidents", stranger.token()).json().get("incidents").size())
        .isZero();
    assertThat(status(owner, number)).isEqualTo("triggered");
  }

  @Test
  void resolvingTwiceIsAConflictAndAcknowledgingAResolvedIncidentToo() {
    Team team = newTeam(60);
    long number = openIncident(team, "twice");

    assertThat(http().post("/api/v1/incidents/" + number + "/resolve", team.token()).status())
        .isEqualTo(200);
    Response again = http().post("/api/v1/incidents/" + number + "/resolve", team.token());
    Response ack = http().post("/api/v1/incidents/" + number + "/acknowledge", team.token());

    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().at("/error/code").asString()).isEqualTo("conflict");
    assertThat(ack.status()).isEqualTo(409);
    assertThat(status(team, number)).isEqualTo("resolved");
  }

  @Test
  void listFiltersByStatusAndPaginates() {
    Team team = newTeam(60);
    long first = openIncident(team, "one");
    long second = openIncident(team, "two");
    http().post("/api/v1/incidents/" + first + "/acknowledge", team.token());

    Response triggered = http().get("/api/v1/incidents?statuses=triggered", team.token());
    Response page = http().get("/api/v1/incidents?limit=1", team.token());

    assertThat(triggered.json().get("incidents").size()).isEqualTo(1);
    assertThat(triggered.json().at("/incidents/0/number").asLong()).isEqualTo(second);
    assertThat(page.json().get("incidents").size()).isEqualTo(1);
    assertThat(page.json().get("more").asBoolean()).isTrue();
  }

  @Test
  void badQueryParametersAre400NamingTheField() {
    Team team = newTeam(60);
    Response badStatus = http().get("/api/v1/incidents?statuses=open", team.token());
    Response badLimit = http().get("/api/v1/incidents?limit=0", team.token());
    Response notANumber = http().get("/api/v1/incidents/abc", team.token());

    assertThat(badStatus.status()).isEqualTo(400);
    assertThat(badStatus.json().at("/error/errors/0").asString()).contains("'statuses'");
    assertThat(badLimit.json().at("/error/errors/0").asString()).contains("'limit'");
    assertThat(notANumber.status()).isEqualTo(400);
    assertThat(notANumber.json().at("/error/errors/0").asString()).contains("'number'");
  }

  @Test
  void supportCanReadTheWorkflowHistoryOfAnIncident() {
    Team team = newTeam(60);
    long number = openIncident(team, "history");

    Response history = http().get("/api/v1/incidents/" + number + "/history", team.token());

    assertThat(history.status()).isEqualTo(200);
    // The first level is assigned by the activity that opens the incident.
    assertThat(history.body())
        .contains("EVENT_TYPE_WORKFLOW_EXECUTION_STARTED", "\"OpenIncident\"", "VigilAccountId");
  }

  private long openIncident(Team team, String dedupKey) {
    http()
        .postJson(
            "/v2/enqueue",
            """
        {"routing_key": "%s", "event_action": "trigger", "dedup_key": "%s",
         "payload": {"summary": "Incident %s", "source": "s", "severity": "warning"}}"""
                .formatted(team.routingKey(), dedupKey, dedupKey));
    return await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                jdbc.sql("select number from incidents where account_id = ? and dedup_key = ?")
                    .params(team.accountId(), dedupKey)
                    .query(Long.class)
                    .optional()
                    .orElse(0L),
            n -> n > 0);
  }

  private String status(Team team, long number) {
    return http()
        .get("/api/v1/incidents/" + number, team.token())
        .json()
        .at("/incident/status")
        .asString();
  }
}
