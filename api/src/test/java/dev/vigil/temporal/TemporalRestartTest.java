package dev.vigil.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.oncall.OnCallSetup;
import dev.vigil.oncall.access.ApiTokens;
import dev.vigil.support.AppTestBase.Team;
import dev.vigil.support.HttpDriver;
import dev.vigil.support.TestTeams;
import dev.vigil.temporaldev.TemporalCli;
import dev.vigil.temporaldev.TemporalDevServer;
import dev.vigil.testsupport.TestDatabase;
import io.temporal.client.WorkflowClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Temporal server loses everything under a running app (restarted without its database, or
 * restored from an old backup): the incidents PostgreSQL shows open are resumed, paging again only
 * where nobody acknowledged, and one whose workflow an operator terminated is closed. The app has a
 * database of its own: its reconciler must not meet other test contexts' incidents.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "vigil.dev-inbox.enabled=true",
      "vigil.demo.enabled=false",
      "vigil.billing.resume-on-start=false",
      "vigil.incidents.reconcile-every=1s"
    })
class TemporalRestartTest {

  private static TemporalDevServer temporal;
  private static int temporalPort;

  @DynamicPropertySource
  static void wiring(DynamicPropertyRegistry registry) {
    TestDatabase.Connection db = TestDatabase.fresh();
    registry.add("spring.datasource.url", db::url);
    registry.add("spring.datasource.username", db::username);
    registry.add("spring.datasource.password", db::password);
    temporal = startTemporal(0);
    temporalPort = temporal.port();
    registry.add("TEMPORAL_ADDRESS", () -> "127.0.0.1:" + temporalPort);
  }

  @AfterAll
  static void stopTemporal() {
    temporal.close();
  }

  @LocalServerPort int port;
  @Autowired OnCallSetup setup;
  @Autowired ApiTokens tokens;
  @Autowired JdbcClient jdbc;
  @Autowired WorkflowClient client;

  @Test
  void openIncidentsLostByTheServerAreResumedAndOnlyTheUnacknowledgedPageAgain() {
    Team team = TestTeams.create(setup, tokens, 300);
    long unanswered = triggerAndAwaitFirstPage(team, "lost-unanswered");
    long acknowledged = triggerAndAwaitFirstPage(team, "lost-acknowledged");
    assertThat(
            http()
                .post("/api/v1/incidents/" + acknowledged + "/acknowledge", team.token())
                .status())
        .isEqualTo(200);

    temporal.close();
    temporal = startTemporal(temporalPort); // same address, nothing in it

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              assertThat(kinds(team, unanswered)).contains("resumed");
              assertThat(kinds(team, acknowledged)).contains("resumed");
              assertThat(pages(team, unanswered)).as("escalation restarts at level 1").isEqualTo(2);
            });
    assertThat(status(team, acknowledged)).isEqualTo("acknowledged");

    // The resumed run answers the REST API as the lost one did.
    assertThat(
            http().post("/api/v1/incidents/" + unanswered + "/acknowledge", team.token()).status())
        .isEqualTo(200);
    assertThat(status(team, unanswered)).isEqualTo("acknowledged");
    // A new incident opens on the new server: its search attributes were registered again.
    long afterRestart = triggerAndAwaitFirstPage(team, "after-restart");
    assertThat(status(team, afterRestart)).isEqualTo("triggered");
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(pages(team, acknowledged)).isEqualTo(1));
  }

  @Test
  void anIncidentWhoseWorkflowAnOperatorTerminatedIsClosedWithAReason() {
    Team team = TestTeams.create(setup, tokens, 300);
    long number = triggerAndAwaitFirstPage(team, "terminated");
    String workflowId =
        jdbc.sql("select workflow_id from incidents where account_id = ? and number = ?")
            .params(team.accountId(), number)
            .query(String.class)
            .single();

    client.newUntypedWorkflowStub(workflowId).terminate("stuck, per runbook");

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(status(team, number)).isEqualTo("resolved"));
    assertThat(kinds(team, number)).contains("closed");
  }

  private long triggerAndAwaitFirstPage(Team team, String dedupKey) {
    assertThat(
            http()
                .postJson(
                    "/v2/enqueue",
                    """
                    {"routing_key": "%s", "event_action": "trigger", "dedup_key": "%s",
                     "payload": {"summary": "%s", "source": "test", "severity": "critical"}}"""
                        .formatted(team.routingKey(), dedupKey, dedupKey))
                .status())
        .isEqualTo(202);
    long number =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () ->
                    jdbc.sql("select number from incidents where account_id = ? and dedup_key = ?")
                        .params(team.accountId(), dedupKey)
                        .query(Long.class)
                        .optional(),
                Optional::isPresent)
            .orElseThrow();
    await().atMost(Duration.ofSeconds(20)).until(() -> pages(team, number) == 1);
    // Old enough for the reconciler, which leaves incidents younger than a few seconds alone.
    jdbc.sql(
            "update incidents set updated_at = updated_at - interval '1 minute' where account_id = ?")
        .param(team.accountId())
        .update();
    return number;
  }

  /** Emails to Alice for the incident: one per level-1 page. */
  private int pages(Team team, long number) {
    return jdbc.sql(
            "select count(*) from dev_inbox_messages where recipient = ? and incident_number = ?")
        .params(team.aliceEmail(), number)
        .query(Integer.class)
        .single();
  }

  private String status(Team team, long number) {
    return jdbc.sql("select status from incidents where account_id = ? and number = ?")
        .params(team.accountId(), number)
        .query(String.class)
        .single();
  }

  private List<String> kinds(Team team, long number) {
    return jdbc.sql(
            """
            select e.kind from incident_log_entries e join incidents i on i.id = e.incident_id
            where i.account_id = ? and i.number = ? order by e.at""")
        .params(team.accountId(), number)
        .query(String.class)
        .list();
  }

  private HttpDriver http() {
    return new HttpDriver("http://127.0.0.1:" + port);
  }

  private static TemporalDevServer startTemporal(int port) {
    try {
      Path dir = Files.createDirectories(Path.of("target", "test-data", "restart"));
      Path cli = TemporalCli.locate(Optional.empty(), dir.resolve("temporal-cli"), true);
      return TemporalDevServer.start(
          new TemporalDevServer.Options(cli, null, port, 0, dir.resolve("server.log")));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
