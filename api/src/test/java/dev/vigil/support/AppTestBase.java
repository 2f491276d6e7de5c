package dev.vigil.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.oncall.OnCallSetup;
import dev.vigil.oncall.access.ApiTokens;
import dev.vigil.oncall.account.OperatorAccount;
import dev.vigil.testsupport.TestDatabase;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Base of tests against the whole running application: a random port, a real Temporal server (the
 * Temporal CLI's dev server, on free ports: see the test resources' application.properties) and a
 * real PostgreSQL from {@link TestDatabase}. One app is shared by every subclass (Spring caches the
 * context); each test makes a team of its own.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "vigil.dev-inbox.enabled=true",
      "vigil.demo.enabled=false",
      // Incidents link to their workflow's page in this (unreachable) Temporal UI.
      "vigil.temporal.ui-url=http://temporal-ui.test:8233",
      // Tests share one database: each starts the billing workflows of its own accounts.
      "vigil.billing.resume-on-start=false",
      // Webhook tests deliver to a receiver on this machine's loopback.
      "vigil.webhooks.allow-private-targets=true"
    })
public abstract class AppTestBase {

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestDatabase.register(registry);
  }

  @LocalServerPort protected int port;
  @Autowired protected OnCallSetup setup;
  @Autowired protected ApiTokens tokens;
  @Autowired protected JdbcClient jdbc;

  @Autowired protected OperatorAccount operatorAccount;

  /**
   * A token of the operator's staff ({@code operator_admin} or {@code operator_accountant}): a new
   * user of the operator's account, made for the calling test.
   */
  protected String operatorToken(String role) {
    long account = operatorAccount.findOrCreate("Test operator");
    String email = role + "-" + java.util.UUID.randomUUID() + "@operator.example.com";
    long user = setup.createUser(account, "Operator " + role, email, role);
    return tokens.createForUser(account, user, role);
  }

  protected HttpDriver http() {
    return new HttpDriver("http://127.0.0.1:" + port);
  }

  /** See {@link TestTeams#create}. */
  protected Team newTeam(int levelDelaySeconds) {
    return TestTeams.create(setup, tokens, levelDelaySeconds);
  }

  /** Messages the dev inbox holds for one recipient. */
  protected int inboxCount(String recipient) {
    return jdbc.sql("select count(*) from dev_inbox_messages where recipient = ?")
        .param(recipient)
        .query(Integer.class)
        .single();
  }

  /** Messages the dev inbox holds for an account on one channel ("sms", "email"). */
  protected int inboxCount(long accountId, String channel) {
    return jdbc.sql("select count(*) from dev_inbox_messages where account_id = ? and channel = ?")
        .params(accountId, channel)
        .query(Integer.class)
        .single();
  }

  protected int alertCount(long accountId) {
    return jdbc.sql("select count(*) from alerts where account_id = ?")
        .param(accountId)
        .query(Integer.class)
        .single();
  }

  protected int incidentCount(long accountId) {
    return jdbc.sql("select count(*) from incidents where account_id = ?")
        .param(accountId)
        .query(Integer.class)
        .single();
  }

  protected long idOfUser(Team team, String email) {
    return jdbc.sql("select id from users where account_id = ? and email = ?")
        .params(team.accountId(), email)
        .query(Long.class)
        .single();
  }

  /** The team's "Primary" policy, made by {@link #newTeam}. */
  protected long primaryPolicyId(Team team) {
    return jdbc.sql("select id from escalation_policies where account_id = ? and name = 'Primary'")
        .param(team.accountId())
        .query(Long.class)
        .single();
  }

  /** The one service {@link #newTeam} made; tests that add services look them up by name. */
  protected long firstServiceId(Team team) {
    return jdbc.sql("select min(id) from services where account_id = ?")
        .param(team.accountId())
        .query(Long.class)
        .single();
  }

  /** A critical trigger through the Events API, as a monitoring tool would send it. */
  protected HttpDriver.Response sendTrigger(String routingKey, String dedupKey, String summary) {
    return http()
        .postJson(
            "/v2/enqueue",
            """
            {"routing_key": "%s", "event_action": "trigger", "dedup_key": "%s",
             "payload": {"summary": "%s", "source": "test", "severity": "critical"}}"""
                .formatted(routingKey, dedupKey, summary));
  }

  /** The account's one invoice in this status, once its month's cycle has made it. */
  protected JsonNode awaitInvoice(String token, String status) {
    JsonNode[] found = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              JsonNode invoices =
                  http().get("/api/v1/invoices?status=" + status, token).json().get("invoices");
              assertThat(invoices).hasSize(1);
              found[0] = invoices.get(0);
            });
    return found[0];
  }

  public record Team(
      long accountId, String routingKey, String token, String aliceEmail, String bobEmail) {}
}
