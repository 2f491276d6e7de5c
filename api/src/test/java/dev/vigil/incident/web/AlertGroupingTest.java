package dev.vigil.incident.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.support.AppTestBase;
import dev.vigil.support.HttpDriver.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Alert grouping per service, through the whole app: an Alertmanager group's storm of alerts with
 * different dedup keys becomes one incident that pages once, every alert recorded on it; resolving
 * closes the group; time grouping gathers whatever comes within its window.
 */
class AlertGroupingTest extends AppTestBase {

  private static final int ALERTS = 30;

  @Test
  void anAlertmanagerGroupOfThirtyAlertsIsOneIncidentAndOneRoundOfPages() throws Exception {
    Team team = newTeam(3600);
    group(team, "{\"type\": \"content\", \"fields\": [\"group\"]}");

    // Alertmanager sends them at once: concurrent, each with its own dedup key.
    ExecutorService alertmanager = Executors.newFixedThreadPool(8);
    try {
      List<Future<Response>> sent = new ArrayList<>();
      for (int i = 0; i < ALERTS; i++) {
        String dedupKey = "pod-" + i;
        sent.add(
            alertmanager.submit(() -> trigger(team, dedupKey, "checkout-db", "Pod " + dedupKey)));
      }
      for (Future<Response> response : sent) {
        assertThat(response.get().status()).isEqualTo(202);
      }
    } finally {
      alertmanager.shutdownNow();
    }

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> alertsOnIncidents(team) == ALERTS && inboxCount(team.accountId(), "sms") > 0);
    // Long enough for any second round of pages to show.
    Thread.sleep(3000);
    assertThat(incidentCount(team.accountId())).isEqualTo(1);
    assertThat(inboxCount(team.accountId(), "sms")).isEqualTo(1);
    assertThat(pagesPerUserAndChannel(team)).containsOnly(1);

    Response incident = http().get("/api/v1/incidents/1", team.token());
    assertThat(incident.json().at("/incident/alert_count").asInt()).isEqualTo(ALERTS);
    assertThat(incident.json().at("/incident/alerts").size()).isEqualTo(ALERTS);
    assertThat(incident.json().at("/incident/alerts/0/group").asString()).isEqualTo("checkout-db");
    List<String> grouped = new ArrayList<>();
    incident
        .json()
        .at("/incident/timeline")
        .forEach(
            entry -> {
              if (entry.get("kind").asString().equals("alert_grouped")) {
                grouped.add(entry.get("message").asString());
              }
            });
    assertThat(grouped).hasSize(ALERTS - 1);
    assertThat(grouped.get(0))
        .startsWith("Alert grouped into this incident (no new page): Pod pod-");
  }

  @Test
  void anotherGroupIsAnotherIncidentAndResolvingClosesTheGroup() {
    Team team = newTeam(3600);
    group(team, "{\"type\": \"content\", \"fields\": [\"group\", \"custom_details.cluster\"]}");

    trigger(team, "a-1", "checkout-db", "First");
    awaitIncidents(team, 1);
    trigger(team, "a-2", "checkout-db", "Second, same group");
    trigger(team, "b-1", "search", "Other group");
    awaitIncidents(team, 2);
    await().atMost(Duration.ofSeconds(15)).until(() -> alertsOnIncidents(team) == 3);
    assertThat(alertsOn(team, 1)).isEqualTo(2);

    assertThat(http().post("/api/v1/incidents/1/resolve", team.token()).status()).isEqualTo(200);
    trigger(team, "a-3", "checkout-db", "After the resolve");

    awaitIncidents(team, 3);
    assertThat(alertsOn(team, 1)).isEqualTo(2);
    await().atMost(Duration.ofSeconds(15)).until(() -> alertsOn(team, 3) == 1);
  }

  @Test
  void aResolveForOneGroupedAlertResolvesThatAlertAndTheLastOneTheIncident() {
    Team team = newTeam(3600);
    group(team, "{\"type\": \"content\", \"fields\": [\"group\"]}");
    trigger(team, "db-1", "checkout-db", "Replica db-1 lagging");
    awaitIncidents(team, 1);
    trigger(team, "db-2", "checkout-db", "Replica db-2 lagging");
    await().atMost(Duration.ofSeconds(15)).until(() -> alertsOn(team, 1) == 2);

    assertThat(event(team, "resolve", "db-1").status()).isEqualTo(202);
    JsonNode incident = http().get("/api/v1/incidents/1", team.token()).json().get("incident");
    assertThat(incident.get("status").asString()).isEqualTo("triggered");
    assertThat(alertStatuses(incident))
        .containsExactlyInAnyOrder("db-1 resolved", "db-2 triggered");
    List<String> timeline = new ArrayList<>();
    incident.get("timeline").forEach(e -> timeline.add(e.get("message").asString()));
    assertThat(timeline)
        .contains("Alert \"Replica db-1 lagging\" resolved (dedup key db-1; 1 of 2 still open)");

    assertThat(event(team, "resolve", "db-2").status()).isEqualTo(202);
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                http()
                    .get("/api/v1/incidents/1", team.token())
                    .json()
                    .at("/incident/status")
                    .asString()
                    .equals("resolved"));
    JsonNode resolved = http().get("/api/v1/incidents/1", team.token()).json().get("incident");
    assertThat(alertStatuses(resolved)).containsExactlyInAnyOrder("db-1 resolved", "db-2 resolved");
    assertThat(resolved.at("/alerts/0/resolved_at").isNull()).isFalse();
  }

  @Test
  void aGroupedTriggerRacingAResolveJoinsItOrOpensTheNextIncidentButNeverVanishes()
      throws Exception {
    Team team = newTeam(3600);
    group(team, "{\"type\": \"content\", \"fields\": [\"group\"]}");
    trigger(team, "first", "checkout-db", "First");
    awaitIncidents(team, 1);

    ExecutorService monitors = Executors.newFixedThreadPool(4);
    try {
      List<Future<Response>> sent = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        String dedupKey = "racer-" + i;
        sent.add(monitors.submit(() -> trigger(team, dedupKey, "checkout-db", dedupKey)));
        if (i == 5) {
          sent.add(monitors.submit(() -> http().post("/api/v1/incidents/1/resolve", team.token())));
        }
      }
      for (Future<Response> response : sent) {
        // A resolve is answered by the run that recorded it, even when a trigger right after it
        // ends that run to open the group's next incident.
        assertThat(response.get().status()).isIn(200, 202);
      }
    } finally {
      monitors.shutdownNow();
    }

    // Every alert is on an incident: the resolved one, or the group's next.
    await().atMost(Duration.ofSeconds(30)).until(() -> alertsOnIncidents(team) == 21);
    assertThat(
            http()
                .get("/api/v1/incidents/1", team.token())
                .json()
                .at("/incident/status")
                .asString())
        .isEqualTo("resolved");
    if (alertsOn(team, 1) < 21) {
      assertThat(incidentCount(team.accountId())).isEqualTo(2);
      assertThat(
              http()
                  .get("/api/v1/incidents/2", team.token())
                  .json()
                  .at("/incident/status")
                  .asString())
          .isEqualTo("triggered");
    }
  }

  @Test
  void timeGroupingGathersAlertsWithinTheWindow() {
    Team team = newTeam(3600);
    group(team, "{\"type\": \"time\", \"time_window_minutes\": 10}");

    trigger(team, "x", "g1", "One");
    trigger(team, "y", "g2", "Two");
    trigger(team, "z", null, "Three");

    await().atMost(Duration.ofSeconds(15)).until(() -> alertsOnIncidents(team) == 3);
    assertThat(incidentCount(team.accountId())).isEqualTo(1);
    assertThat(
            http()
                .get("/api/v1/services/" + firstServiceId(team) + "/alert_grouping", team.token())
                .json()
                .at("/alert_grouping/time_window_minutes")
                .asInt())
        .isEqualTo(10);
  }

  @Test
  void badGroupingIs400NamingTheFieldAndChangesNothing() {
    Team team = newTeam(3600);
    String path = "/api/v1/services/" + firstServiceId(team) + "/alert_grouping";

    for (String[] bad :
        List.of(
            new String[] {"{\"type\": \"sometimes\"}", "'type'"},
            new String[] {"{\"type\": \"time\"}", "'time_window_minutes'"},
            new String[] {
              "{\"type\": \"time\", \"time_window_minutes\": 0}", "'time_window_minutes'"
            },
            new String[] {"{\"type\": \"content\", \"fields\": []}", "'fields'"},
            new String[] {"{\"type\": \"content\", \"fields\": [\"host\"]}", "'fields[0]'"})) {
      Response response = http().putJson(path, team.token(), bad[0]);
      assertThat(response.status()).as(bad[0]).isEqualTo(400);
      assertThat(response.body()).as(bad[0]).contains(bad[1]);
    }
    assertThat(http().get(path, team.token()).json().at("/alert_grouping/type").asString())
        .isEqualTo("none");
    // Bob is a responder: he reads the grouping, only admins change it.
    String bob =
        tokens.createForUser(team.accountId(), idOfUser(team, team.bobEmail()), "responder");
    assertThat(http().get(path, bob).status()).isEqualTo(200);
    assertThat(
            http().putJson(path, bob, "{\"type\": \"time\", \"time_window_minutes\": 5}").status())
        .isEqualTo(403);
    // Another account's service is not found.
    Team other = newTeam(3600);
    assertThat(http().get(path, other.token()).status()).isEqualTo(404);
    assertThat(http().putJson(path, other.token(), "{\"type\": \"none\"}").status()).isEqualTo(404);
  }

  private void group(Team team, String body) {
    Response set =
        http()
            .putJson(
                "/api/v1/services/" + firstServiceId(team) + "/alert_grouping", team.token(), body);
    assertThat(set.status()).as(set.body()).isEqualTo(200);
  }

  private Response trigger(Team team, String dedupKey, String group, String summary) {
    return http()
        .postJson(
            "/v2/enqueue",
            """
            {"routing_key": "%s", "event_action": "trigger", "dedup_key": "%s",
             "payload": {"summary": "%s", "source": "k8s", "severity": "critical", %s
                         "custom_details": {"cluster": "eu-1"}}}"""
                .formatted(
                    team.routingKey(),
                    dedupKey,
                    summary,
                    group == null ? "" : "\"group\": \"" + group + "\","));
  }

  private Response event(Team team, String action, String dedupKey) {
    return http()
        .postJson(
            "/v2/enqueue",
            "{\"routing_key\": \"%s\", \"event_action\": \"%s\", \"dedup_key\": \"%s\"}"
                .formatted(team.routingKey(), action, dedupKey));
  }

  private static List<String> alertStatuses(JsonNode incident) {
    List<String> statuses = new ArrayList<>();
    incident
        .get("alerts")
        .forEach(
            a -> statuses.add(a.get("dedup_key").asString() + " " + a.get("status").asString()));
    return statuses;
  }

  private void awaitIncidents(Team team, int count) {
    await().atMost(Duration.ofSeconds(15)).until(() -> incidentCount(team.accountId()) == count);
  }

  private int alertsOnIncidents(Team team) {
    return jdbc.sql("select count(*) from alerts where account_id = ? and incident_id is not null")
        .param(team.accountId())
        .query(Integer.class)
        .single();
  }

  private int alertsOn(Team team, long number) {
    return jdbc.sql(
            "select count(*) from alerts a join incidents i on i.id = a.incident_id"
                + " where i.account_id = ? and i.number = ?")
        .params(team.accountId(), number)
        .query(Integer.class)
        .single();
  }

  /** How many pages each user got on each channel. */
  private List<Integer> pagesPerUserAndChannel(Team team) {
    return jdbc.sql(
            "select count(*) from notifications where account_id = ? group by user_id, channel")
        .param(team.accountId())
        .query(Integer.class)
        .list();
  }
}
