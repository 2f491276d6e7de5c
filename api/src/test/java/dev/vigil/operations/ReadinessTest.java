package dev.vigil.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.support.HttpDriver;
import dev.vigil.temporaldev.TemporalCli;
import dev.vigil.temporaldev.TemporalDevServer;
import dev.vigil.testsupport.TestDatabase;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Readiness follows PostgreSQL and Temporal; liveness follows neither. This test runs an app of its
 * own (the shared one must keep its database and Temporal) whose connections to both go through
 * relays the test can cut: a Temporal test server on a port of its own, and the test database.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "vigil.dev-inbox.enabled=true",
      "vigil.demo.enabled=false",
      "vigil.billing.resume-on-start=false",
      // A pool that waits 30 s for a connection would make the probe wait as long.
      "spring.datasource.hikari.connection-timeout=2000",
      "spring.datasource.hikari.validation-timeout=1000"
    })
@DirtiesContext
class ReadinessTest {

  static final TemporalDevServer temporal =
      TemporalDevServer.start(
          new TemporalDevServer.Options(
              TemporalCli.locate(Optional.empty(), Path.of("target/test-data/temporal-cli"), true),
              null,
              0,
              0,
              Path.of("target/test-data/readiness-temporal.log")));
  static final TcpRelay toTemporal = new TcpRelay("127.0.0.1", temporal.port());
  static final TcpRelay toDatabase = relayTo(TestDatabase.get().url());

  @DynamicPropertySource
  static void connections(DynamicPropertyRegistry registry) {
    TestDatabase.Connection db = TestDatabase.get();
    registry.add("TEMPORAL_ADDRESS", () -> "127.0.0.1:" + toTemporal.port());
    registry.add(
        "spring.datasource.url",
        () -> db.url().replaceFirst("//[^/]+/", "//127.0.0.1:" + toDatabase.port() + "/"));
    registry.add("spring.datasource.username", db::username);
    registry.add("spring.datasource.password", db::password);
  }

  @LocalServerPort int port;

  @AfterAll
  static void stop() {
    toTemporal.close();
    toDatabase.close();
    temporal.close();
  }

  @Test
  void readinessFollowsTemporalAndPostgresWhileLivenessStaysUp() {
    awaitStatus("/actuator/health/readiness", 200);

    toTemporal.cut();
    HttpDriver.Response down = awaitStatus("/actuator/health/readiness", 503);
    assertThat(down.json().get("status").asString()).isEqualTo("DOWN");
    assertThat(down.body()).doesNotContain("temporal", "UNAVAILABLE", "127.0.0.1");
    assertThat(http().get("/actuator/health/liveness", null).status()).isEqualTo(200);

    toTemporal.restore();
    awaitStatus("/actuator/health/readiness", 200);

    toDatabase.cut();
    awaitStatus("/actuator/health/readiness", 503);
    assertThat(http().get("/actuator/health/liveness", null).status()).isEqualTo(200);
    // An event that PostgreSQL cannot take now is the one kind the Events API asks to retry.
    HttpDriver.Response event =
        http()
            .postJson(
                "/v2/enqueue",
                """
                {"routing_key": "0123456789abcdef0123456789abcdef", "event_action": "trigger",
                 "payload": {"summary": "s", "source": "s", "severity": "info"}}""");
    assertThat(event.status()).as(event.body()).isEqualTo(503);
    assertThat(event.json().get("status").asString()).isEqualTo("unavailable");

    toDatabase.restore();
    awaitStatus("/actuator/health/readiness", 200);
  }

  private HttpDriver.Response awaitStatus(String path, int status) {
    return await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> http().get(path, null), response -> response.status() == status);
  }

  private HttpDriver http() {
    return new HttpDriver("http://127.0.0.1:" + port);
  }

  private static TcpRelay relayTo(String jdbcUrl) {
    URI server = URI.create(jdbcUrl.substring("jdbc:".length()));
    return new TcpRelay(server.getHost(), server.getPort() == -1 ? 5432 : server.getPort());
  }
}
