package dev.vigil;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.support.AppTestBase;
import dev.vigil.support.HttpDriver.Response;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The newcomer's path through the running app, on a real PostgreSQL and the real-time Temporal dev
 * server: an integration triggers, Alice is paged in the dev inbox, she acknowledges, Bob is never
 * paged, the integration resolves.
 */
class IncidentEndToEndTest extends AppTestBase {

  private static final int LEVEL_DELAY_SECONDS = 3;

  @Test
  void triggerPagesAcknowledgeStopsEscalationResolveCloses() {
    Team team = newTeam(LEVEL_DELAY_SECONDS);

    Response accepted =
        http().postJson("/v2/enqueue", trigger(team, "db-01-disk", "Disk full on db-01"));
    assertThat(accepted.status()).isEqualTo(202);
    assertThat(accepted.json().get("dedup_key").asString()).isEqualTo("db-01-disk");

    // Alice has an email address and a phone: one email and one SMS.
    await().atMost(Duration.ofSeconds(15)).until(() -> inboxCount(team.accountId(), "sms") == 1);
    assertThat(inboxCount(team.aliceEmail())).isEqualTo(1);
    long number = onlyIncidentNumber(team);

    Response acknowledged =
        http().post("/api/v1/incidents/" + number + "/acknowledge", team.token());
    assertThat(acknowledged.status()).isEqualTo(200);
    assertThat(acknowledged.json().at("/incident/status").asString()).isEqualTo("acknowledged");

    // Well past level 1's delay: had the acknowledgement not stopped escalation, Bob would be
    // paged.
    sleep(Duration.ofSeconds(LEVEL_DELAY_SECONDS + 3));
    assertThat(inboxCount(team.bobEmail())).isZero();
    assertThat(inboxCount(team.aliceEmail())).isEqualTo(1);
    assertThat(inboxCount(team.accountId(), "sms")).isEqualTo(1);

    Response resolved = http().postJson("/v2/enqueue", action(team, "resolve", "db-01-disk"));
    assertThat(resolved.status()).isEqualTo(202);
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> incident(team, number).at("/incident/status").asString().equals("resolved"));

    var incident = incident(team, number).get("incident");
    assertThat(incident.get("resolved_at").isNull()).isFalse();
    assertThat(incident.get("timeline").toString())
        .contains(
            "Triggered on",
            "assigned to Alice",
            "Notified Alice",
            "Acknowledged by test token via REST API",
            "Resolved by integration via Events API");
    assertThat(inboxCount(team.bobEmail())).isZero();
  }

  @Test
  void unacknowledgedIncidentEscalatesToTheNextLevelAfterItsDelay() {
    Team team = newTeam(LEVEL_DELAY_SECONDS);

    http().postJson("/v2/enqueue", trigger(team, "api-latency", "API latency high"));

    await().atMost(Duration.ofSeconds(15)).until(() -> inboxCount(team.aliceEmail()) == 1);
    assertThat(inboxCount(team.bobEmail())).isZero();
    await()
        .atMost(Duration.ofSeconds(LEVEL_DELAY_SECONDS + 15))
        .until(() -> inboxCount(team.bobEmail()) == 1);
    long number = onlyIncidentNumber(team);
    assertThat(incident(team, number).at("/incident/assignees/0/name").asString()).isEqualTo("Bob");
  }

  @Test
  void triggerAfterResolveOpensANewIncident() {
    Team team = newTeam(60);
    http().postJson("/v2/enqueue", trigger(team, "flappy", "Flapping check"));
    await().atMost(Duration.ofSeconds(15)).until(() -> incidentCount(team.accountId()) == 1);
    long first = onlyIncidentNumber(team);
    assertThat(http().post("/api/v1/incidents/" + first + "/resolve", team.token()).status())
        .isEqualTo(200);

    http().postJson("/v2/enqueue", trigger(team, "flappy", "Flapping check again"));

    await().atMost(Duration.ofSeconds(15)).until(() -> incidentCount(team.accountId()) == 2);
    assertThat(incident(team, first + 1).at("/incident/status").asString()).isEqualTo("triggered");
    assertThat(incident(team, first).at("/incident/status").asString()).isEqualTo("resolved");
  }

  static String trigger(Team team, String dedupKey, String summary) {
    return """
        {"routing_key": "%s", "event_action": "trigger", "dedup_key": "%s",
         "payload": {"summary": "%s", "source": "db-01", "severity": "critical"}}"""
        .formatted(team.routingKey(), dedupKey, summary);
  }

  static String action(Team team, String action, String dedupKey) {
    return """
        {"routing_key": "%s", "event_action": "%s", "dedup_key": "%s"}"""
        .formatted(team.routingKey(), action, dedupKey);
  }

  private long onlyIncidentNumber(Team team) {
    return jdbc.sql("select number from incidents where account_id = ?")
        .param(team.accountId())
        .query(Long.class)
        .single();
  }

  private tools.jackson.databind.JsonNode incident(Team team, long number) {
    Response response = http().get("/api/v1/incidents/" + number, team.token());
    assertThat(response.status()).isEqualTo(200);
    return response.json();
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
