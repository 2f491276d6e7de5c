package dev.vigil.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.support.HttpDriver;
import dev.vigil.support.ListeningSockets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The README's run command, restarted as an operator (or a crash) would: {@code kill -9} and then
 * {@code SIGTERM}, each with incidents open, some mid-escalation and one acknowledged. The demo
 * team pages Alice at once and Bob a minute later: every page due is sent once, nothing is sent
 * after an acknowledgement, and the routing key, the token and the incidents survive. Every
 * listener of the app and of the servers it runs is on loopback.
 */
class DefaultRunRestartIT {

  private static final String ROUTING_KEY = "0123456789abcdef0123456789abcdef";
  private static final String ALICE = "alice@example.com";
  private static final String BOB = "bob@example.com";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path dataDir;
  private VigilProcess vigil;
  private int port;

  @AfterEach
  void stop() {
    if (vigil != null) {
      vigil.kill();
    }
  }

  @Test
  void openIncidentsKeepEscalatingAcrossKillAndGracefulRestarts() throws IOException {
    port = VigilProcess.freePort();
    int uiPort = VigilProcess.freePort();
    vigil =
        new VigilProcess(
            dataDir,
            Map.of(
                "VIGIL_DATA_DIR", dataDir.toString(),
                "PORT", Integer.toString(port),
                "VIGIL_TEMPORAL_DEV_PORT", Integer.toString(VigilProcess.freePort()),
                "VIGIL_TEMPORAL_UI_PORT", Integer.toString(uiPort),
                "VIGIL_DEMO_ROUTING_KEY", ROUTING_KEY));
    vigil.start();
    String token = vigil.demoToken().orElseThrow();

    trigger("mid-escalation");
    trigger("acknowledged");
    awaitPages(ALICE, 1, 1);
    awaitPages(ALICE, 2, 1);
    assertThat(http().post("/api/v1/incidents/2/acknowledge", token).status()).isEqualTo(200);

    vigil.kill();
    vigil.start();
    assertEveryListenerIsOnLoopback();

    // Bob's page for #1 fell due a minute after it opened, across the crash.
    awaitPages(BOB, 1, 1);
    trigger("graceful");
    awaitPages(ALICE, 3, 1);

    vigil.terminate();
    vigil.start();

    awaitPages(BOB, 3, 1);
    assertThat(http().get("/api/v1/incidents/2", token).status())
        .as("the token made before both restarts")
        .isEqualTo(200);
    assertThat(status(token, 2)).isEqualTo("acknowledged");
    JsonNode incident =
        JSON.readTree(http().get("/api/v1/incidents/1", token).body()).path("incident");
    assertThat(incident.path("workflow").path("temporal_ui_url").asText())
        .as("support staff are linked to the embedded server's UI without any setting")
        .startsWith("http://127.0.0.1:" + uiPort + "/namespaces/default/workflows/incident-");
    assertThat(status(token, 1)).isEqualTo("triggered");

    // Nothing more: no second page for a step, nothing for the acknowledged incident.
    await()
        .during(Duration.ofSeconds(5))
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              assertThat(pages(ALICE, 1)).isEqualTo(1);
              assertThat(pages(BOB, 1)).isEqualTo(1);
              assertThat(pages(ALICE, 2)).isEqualTo(1);
              assertThat(pages(BOB, 2)).isZero();
              assertThat(pages(ALICE, 3)).isEqualTo(1);
              assertThat(pages(BOB, 3)).isEqualTo(1);
            });
    assertThat(trigger("after-restarts"))
        .as("the routing key made on the first start")
        .isEqualTo(202);
  }

  private int trigger(String dedupKey) {
    int status =
        http()
            .postJson(
                "/v2/enqueue",
                """
                {"routing_key": "%s", "event_action": "trigger", "dedup_key": "%s",
                 "payload": {"summary": "%s", "source": "it", "severity": "critical"}}"""
                    .formatted(ROUTING_KEY, dedupKey, dedupKey))
            .status();
    assertThat(status).isEqualTo(202);
    return status;
  }

  private void awaitPages(String email, long incident, int count) {
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(() -> assertThat(pages(email, incident)).isEqualTo(count));
  }

  /** Emails to the person for the incident in the dev inbox: one per page. */
  private int pages(String email, long incident) {
    JsonNode inbox = JSON.readTree(http().get("/dev/inbox", null).body());
    JsonNode messages = inbox.isArray() ? inbox : inbox.path("messages");
    int count = 0;
    for (JsonNode message : messages) {
      if (message.path("channel").asText().equals("email")
          && message.path("to").asText().equals(email)
          && message.path("incident_number").asLong() == incident) {
        count++;
      }
    }
    return count;
  }

  private String status(String token, long incident) {
    JsonNode body = JSON.readTree(http().get("/api/v1/incidents/" + incident, token).body());
    return body.path("incident").path("status").asText();
  }

  private void assertEveryListenerIsOnLoopback() throws IOException {
    Set<Long> pids = new HashSet<>();
    ProcessHandle app = ProcessHandle.of(vigil.pid()).orElseThrow();
    pids.add(app.pid());
    app.descendants().forEach(child -> pids.add(child.pid()));
    // pg_ctl starts PostgreSQL detached: it is found through its pid file.
    Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
    long postmaster = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
    pids.add(postmaster);
    ProcessHandle.of(postmaster).ifPresent(p -> p.descendants().forEach(c -> pids.add(c.pid())));

    List<ListeningSockets.Listener> listeners = ListeningSockets.of(pids);

    Set<Integer> ports =
        listeners.stream().map(ListeningSockets.Listener::port).collect(Collectors.toSet());
    assertThat(ports).as("the app, Temporal and PostgreSQL listen").contains(port);
    assertThat(listeners.size()).isGreaterThanOrEqualTo(3);
    assertThat(listeners).allMatch(ListeningSockets.Listener::loopback, "bound to loopback");
  }

  private HttpDriver http() {
    return new HttpDriver("http://127.0.0.1:" + port);
  }
}
