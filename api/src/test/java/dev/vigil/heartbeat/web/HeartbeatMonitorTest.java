package dev.vigil.heartbeat.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.support.AppTestBase;
import dev.vigil.support.HttpDriver.Response;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Heartbeat monitors through the whole app and the Temporal dev server: the clock starts at the
 * first ping, a missed interval opens an incident that pages, the next ping resolves it.
 */
class HeartbeatMonitorTest extends AppTestBase {

  @Test
  void aMissedIntervalPagesAndTheNextPingResolves() throws Exception {
    Team team = newTeam(60);
    JsonNode made = create(team, "{\"name\": \"nightly-backup\", \"interval_seconds\": 3}");
    String pingUrl = made.at("/ping_url").asString();
    String path = pingUrl.substring(pingUrl.indexOf("/heartbeats/"));
    assertThat(made.at("/status").asString()).isEqualTo("waiting");

    // Never pinged: nobody is paged for a job that has not started reporting.
    Thread.sleep(4000);
    assertThat(incidentCount(team.accountId())).isZero();

    // Pinged well within the interval (and without any credential but the URL): all quiet.
    for (int i = 0; i < 5; i++) {
      Response ping = http().get(path, null);
      assertThat(ping.status()).isEqualTo(202);
      assertThat(ping.json().at("/monitor").asString()).isEqualTo("nightly-backup");
      Thread.sleep(1000);
    }
    assertThat(incidentCount(team.accountId())).isZero();
    assertThat(monitor(team, made).at("/status").asString()).isEqualTo("up");
    // The URL's secret is shown once, not kept.
    JsonNode read = monitor(team, made).path("ping_url");
    assertThat(read.isNull() || read.isMissingNode()).isTrue();

    // Silence: one incident, which pages.
    await().atMost(Duration.ofSeconds(20)).until(() -> inboxCount(team.accountId(), "sms") >= 1);
    assertThat(incidentCount(team.accountId())).isEqualTo(1);
    assertThat(incidentStatus(team)).isEqualTo("triggered");
    assertThat(incidentTitle(team))
        .isEqualTo("Heartbeat 'nightly-backup' missed: no ping for 3 seconds");
    assertThat(monitor(team, made).at("/status").asString()).isEqualTo("down");

    // Still silent: the open incident is not paged again by the monitor.
    Thread.sleep(4000);
    assertThat(alertCount(team.accountId())).isEqualTo(1);

    // The job reports again: its incident resolves, and the clock runs again.
    assertThat(http().postJson(path, "").status()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(15)).until(() -> "resolved".equals(incidentStatus(team)));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> "up".equals(monitor(team, made).at("/status").asString()));
  }

  @Test
  void badSettingsAreRefusedByFieldAndChangeNothing() {
    Team team = newTeam(60);
    String heartbeats = "/api/v1/services/" + firstServiceId(team) + "/heartbeats";

    Response noName = http().postJson(heartbeats, team.token(), "{\"interval_seconds\": 60}");
    assertThat(noName.status()).isEqualTo(400);
    assertThat(noName.body()).contains("'name' is required");

    Response tooLong =
        http()
            .postJson(heartbeats, team.token(), "{\"name\": \"x\", \"interval_seconds\": 9999999}");
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.body()).contains("'interval_seconds' must be between");

    assertThat(http().get(heartbeats, team.token()).json().at("/heartbeats").size()).isZero();

    create(team, "{\"name\": \"cron\", \"interval_seconds\": 60}");
    Response twice =
        http().postJson(heartbeats, team.token(), "{\"name\": \"cron\", \"interval_seconds\": 60}");
    assertThat(twice.status()).isEqualTo(409);
    assertThat(http().get(heartbeats, team.token()).json().at("/heartbeats").size()).isEqualTo(1);
  }

  @Test
  void aReplacedOrDeletedUrlNoLongerPings() {
    Team team = newTeam(60);
    JsonNode made = create(team, "{\"name\": \"queue-drain\", \"interval_seconds\": 600}");
    String old = pathOf(made);
    assertThat(http().get(old, null).status()).isEqualTo(202);
    assertThat(http().get("/heartbeats/not-a-monitor", null).status()).isEqualTo(404);

    String base =
        "/api/v1/services/" + firstServiceId(team) + "/heartbeats/" + made.at("/id").asLong();
    JsonNode replaced = http().post(base + "/replace_url", team.token()).json().at("/heartbeat");
    assertThat(http().get(old, null).status()).isEqualTo(404);
    assertThat(http().get(pathOf(replaced), null).status()).isEqualTo(202);

    // Only admins manage monitors; a responder reads them.
    long carol =
        setup.createUser(
            team.accountId(), "Carol", "carol-" + team.accountId() + "@example.com", "responder");
    String responder = tokens.createForUser(team.accountId(), carol, "responder");
    assertThat(http().delete(base, responder).status()).isEqualTo(403);
    assertThat(http().get(base, responder).status()).isEqualTo(200);

    assertThat(http().delete(base, team.token()).status()).isEqualTo(204);
    assertThat(http().get(pathOf(replaced), null).status()).isEqualTo(404);
    assertThat(http().get(base, team.token()).status()).isEqualTo(404);
  }

  private JsonNode create(Team team, String body) {
    Response made =
        http()
            .postJson(
                "/api/v1/services/" + firstServiceId(team) + "/heartbeats", team.token(), body);
    assertThat(made.status()).as(made.body()).isEqualTo(201);
    return made.json().at("/heartbeat");
  }

  private JsonNode monitor(Team team, JsonNode made) {
    return http()
        .get(
            "/api/v1/services/" + firstServiceId(team) + "/heartbeats/" + made.at("/id").asLong(),
            team.token())
        .json()
        .at("/heartbeat");
  }

  private static String pathOf(JsonNode monitor) {
    String url = monitor.at("/ping_url").asString();
    return url.substring(url.indexOf("/heartbeats/"));
  }

  private String incidentStatus(Team team) {
    List<String> statuses =
        jdbc.sql("select status from incidents where account_id = ?")
            .param(team.accountId())
            .query(String.class)
            .list();
    return statuses.isEmpty() ? null : statuses.get(0);
  }

  private String incidentTitle(Team team) {
    return jdbc.sql("select title from incidents where account_id = ?")
        .param(team.accountId())
        .query(String.class)
        .single();
  }
}
