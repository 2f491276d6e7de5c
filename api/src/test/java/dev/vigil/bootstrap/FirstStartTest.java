package dev.vigil.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.support.HttpDriver;
import dev.vigil.testsupport.TestDatabase;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A first start on an empty database, as a newcomer's: the demo team is seeded, the bootstrap token
 * is the admin token, and an event to the configured demo routing key pages Alice.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "vigil.dev-inbox.enabled=true",
      "vigil.demo.enabled=true",
      "vigil.demo.routing-key=" + FirstStartTest.ROUTING_KEY,
      "vigil.bootstrap-token=" + FirstStartTest.BOOTSTRAP_TOKEN
    })
class FirstStartTest {

  static final String ROUTING_KEY = "0123456789abcdef0123456789abcdef";
  static final String BOOTSTRAP_TOKEN = "first-start-admin-token-0001";

  @DynamicPropertySource
  static void freshDatabase(DynamicPropertyRegistry registry) {
    TestDatabase.Connection db = TestDatabase.fresh();
    registry.add("spring.datasource.url", db::url);
    registry.add("spring.datasource.username", db::username);
    registry.add("spring.datasource.password", db::password);
  }

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;

  @Test
  void seedsTheDemoTeamAndPagesAliceThroughTheDemoRoutingKey() {
    HttpDriver http = new HttpDriver("http://127.0.0.1:" + port);

    var accepted =
        http.postJson(
            "/v2/enqueue",
            """
            {"routing_key": "%s", "event_action": "trigger", "dedup_key": "first",
             "payload": {"summary": "First page", "source": "curl", "severity": "critical"}}"""
                .formatted(ROUTING_KEY));
    assertThat(accepted.status()).isEqualTo(202);

    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () ->
                http.get("/dev/inbox", "Accept", "application/json")
                    .body()
                    .contains("alice@example.com"));
    var incidents = http.get("/api/v1/incidents", BOOTSTRAP_TOKEN);
    assertThat(incidents.status()).isEqualTo(200);
    assertThat(incidents.json().at("/incidents/0/title").asString()).isEqualTo("First page");
    assertThat(incidents.json().at("/incidents/0/service/name").asString())
        .isEqualTo("Demo web app");
  }

  @Test
  void bootstrapTokenIsStoredHashedAndIsTheOnlyToken() {
    var tokens = jdbc.sql("select token_hash from api_tokens").query(String.class).list();

    // With a bootstrap token, the demo prints no random token of its own.
    assertThat(tokens).hasSize(1);
    assertThat(tokens.get(0)).hasSize(64).doesNotContain(BOOTSTRAP_TOKEN);
  }

  @Test
  void demoPolicyPagesAliceThenBobAfterAMinute() {
    var levels =
        jdbc.sql(
                """
                select l.position, l.delay_seconds, u.name from escalation_levels l
                join escalation_targets t on t.level_id = l.id join users u on u.id = t.user_id
                order by l.position""")
            .query((rs, n) -> rs.getInt(1) + ":" + rs.getInt(2) + ":" + rs.getString(3))
            .list();

    assertThat(levels).containsExactly("1:60:Alice Adams", "2:60:Bob Brown");
  }
}
