package dev.vigil.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.support.AppTestBase;
import dev.vigil.support.HttpDriver.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Maintenance windows through the whole app: events during a window are accepted and kept as
 * suppressed alerts, open no incident and page nobody, during the window or after it ends.
 */
class MaintenanceWindowTest extends AppTestBase {

  @Test
  void eventsDuringAServiceWindowAreSuppressedAndDeletingItPagesNothingOld() throws Exception {
    Team team = newTeam(60);
    long window =
        create(
            team,
            """
            {"service_id": %d, "description": "Database upgrade",
             "starts_at": "%s", "ends_at": "%s"}"""
                .formatted(
                    firstServiceId(team),
                    Instant.now().minusSeconds(60),
                    Instant.now().plusSeconds(3600)));

    assertThat(sendTrigger(team.routingKey(), "disk", "Disk full during the upgrade").status())
        .isEqualTo(202);
    assertThat(sendTrigger(team.routingKey(), "cpu", "CPU high during the upgrade").status())
        .isEqualTo(202);

    Response shown = http().get("/api/v1/maintenance_windows/" + window, team.token());
    assertThat(shown.json().at("/maintenance_window/suppressed_alerts").asInt()).isEqualTo(2);
    assertThat(shown.json().at("/maintenance_window/service_id").asLong())
        .isEqualTo(firstServiceId(team));
    assertThat(
            http()
                .get("/api/v1/maintenance_windows?current=true", team.token())
                .json()
                .at("/maintenance_windows")
                .size())
        .isEqualTo(1);

    // Ending the window early: what it suppressed stays suppressed.
    assertThat(http().delete("/api/v1/maintenance_windows/" + window, team.token()).status())
        .isEqualTo(204);
    Thread.sleep(3000);
    assertThat(incidentCount(team.accountId())).isZero();
    assertThat(inboxCount(team.accountId(), "sms")).isZero();
    assertThat(suppressed(team)).isEqualTo(2);

    // After it, events page again.
    sendTrigger(team.routingKey(), "disk", "Disk full after the upgrade");
    await().atMost(Duration.ofSeconds(15)).until(() -> inboxCount(team.accountId(), "sms") == 1);
    assertThat(incidentCount(team.accountId())).isEqualTo(1);
  }

  @Test
  void anAccountWindowCoversEveryServiceAndItsEndPagesNothingOld() throws Exception {
    Team team = newTeam(60);
    Instant ends = Instant.now().plusSeconds(4);
    create(team, "{\"starts_at\": \"%s\", \"ends_at\": \"%s\"}".formatted(Instant.now(), ends));

    assertThat(sendTrigger(team.routingKey(), "during", "During the window").status())
        .isEqualTo(202);
    assertThat(suppressed(team)).isEqualTo(1);

    // The window ends by itself; nothing that came during it pages.
    await().until(() -> Instant.now().isAfter(ends.plusSeconds(2)));
    assertThat(incidentCount(team.accountId())).isZero();
    sendTrigger(team.routingKey(), "after", "After the window");
    await().atMost(Duration.ofSeconds(15)).until(() -> inboxCount(team.accountId(), "sms") == 1);
    Thread.sleep(2000);
    assertThat(incidentCount(team.accountId())).isEqualTo(1);
    assertThat(inboxCount(team.accountId(), "sms")).isEqualTo(1);
    assertThat(
            jdbc.sql("select dedup_key from incidents where account_id = ?")
                .param(team.accountId())
                .query(String.class)
                .single())
        .isEqualTo("after");
  }

  @Test
  void badWindowsAre400NamingTheFieldAndOnlyAdminsChangeThem() {
    Team team = newTeam(60);
    Team other = newTeam(60);
    Instant now = Instant.now();
    for (String[] bad :
        List.of(
            new String[] {"{\"ends_at\": \"%s\"}".formatted(now), "'starts_at'"},
            new String[] {
              "{\"starts_at\": \"%s\", \"ends_at\": \"%s\"}".formatted(now, now.minusSeconds(1)),
              "'ends_at'"
            },
            new String[] {
              "{\"starts_at\": \"%s\", \"ends_at\": \"%s\"}"
                  .formatted(now, now.plus(Duration.ofDays(31))),
              "'ends_at'"
            },
            new String[] {
              "{\"service_id\": %d, \"starts_at\": \"%s\", \"ends_at\": \"%s\"}"
                  .formatted(firstServiceId(other), now, now.plusSeconds(60)),
              "'service_id'"
            },
            new String[] {"{\"starts_at\": \"tomorrow\"}", "starts_at"})) {
      Response response = http().postJson("/api/v1/maintenance_windows", team.token(), bad[0]);
      assertThat(response.status()).as(bad[0]).isEqualTo(400);
      assertThat(response.body()).as(bad[0]).contains(bad[1]);
    }
    assertThat(list(team)).isZero();

    String bob =
        tokens.createForUser(team.accountId(), idOfUser(team, team.bobEmail()), "responder");
    String window =
        "{\"starts_at\": \"%s\", \"ends_at\": \"%s\"}".formatted(now, now.plusSeconds(600));
    assertThat(http().postJson("/api/v1/maintenance_windows", bob, window).status()).isEqualTo(403);
    long id = create(team, window);
    assertThat(http().get("/api/v1/maintenance_windows/" + id, bob).status()).isEqualTo(200);
    assertThat(http().delete("/api/v1/maintenance_windows/" + id, bob).status()).isEqualTo(403);
    assertThat(http().get("/api/v1/maintenance_windows/" + id, other.token()).status())
        .isEqualTo(404);
    assertThat(http().delete("/api/v1/maintenance_windows/" + id, other.token()).status())
        .isEqualTo(404);
    assertThat(list(team)).isEqualTo(1);
  }

  private long create(Team team, String body) {
    Response created = http().postJson("/api/v1/maintenance_windows", team.token(), body);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().at("/maintenance_window/id").asLong();
  }

  private int list(Team team) {
    return http()
        .get("/api/v1/maintenance_windows", team.token())
        .json()
        .at("/maintenance_windows")
        .size();
  }

  private int suppressed(Team team) {
    return jdbc.sql(
            "select count(*) from alerts where account_id = ? and suppressed_at is not null"
                + " and incident_id is null")
        .param(team.accountId())
        .query(Integer.class)
        .single();
  }
}
