package dev.vigil.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.support.AppTestBase;
import dev.vigil.support.HttpDriver.Response;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Services and their integration keys through the REST API and the Events API. */
class ServiceApiTest extends AppTestBase {

  private static final String SERVICES = "/api/v1/services";

  @Test
  void createReadReplaceListAndDeleteAService() {
    Team team = newTeam(60);
    long policy = primaryPolicyId(team);
    long teamId = createTeam(team, "Search");

    Response created =
        http()
            .postJson(
                SERVICES,
                team.token(),
                """
                {"name": "Search API", "description": "Query path", "team_id": %d,
                 "escalation_policy_id": %d, "urgency_rule": "severity",
                 "ack_timeout_minutes": 30, "auto_resolve_timeout_minutes": 240}"""
                    .formatted(teamId, policy));
    assertThat(created.status()).isEqualTo(201);
    JsonNode service = created.json().get("service");
    long id = service.get("id").asLong();
    assertThat(service.get("team_id").asLong()).isEqualTo(teamId);
    assertThat(service.get("urgency_rule").asString()).isEqualTo("severity");
    assertThat(service.get("ack_timeout_minutes").asInt()).isEqualTo(30);
    assertThat(service.get("integration_keys")).hasSize(1);
    String routingKey = service.at("/integration_keys/0/routing_key").asString();
    assertThat(routingKey).matches("[0-9a-f]{32}");
    assertThat(timeoutSeconds(id)).containsExactly(1800, 14400);

    Response replaced =
        http()
            .putJson(
                SERVICES + "/" + id,
                team.token(),
                "{\"name\": \"Search\", \"escalation_policy_id\": %d}".formatted(policy));
    assertThat(replaced.status()).isEqualTo(200);
    JsonNode after = replaced.json().get("service");
    assertThat(after.get("name").asString()).isEqualTo("Search");
    assertThat(after.get("team_id").isNull()).isTrue();
    assertThat(after.get("urgency_rule").asString()).isEqualTo("high");
    assertThat(after.get("ack_timeout_minutes").isNull()).isTrue();
    assertThat(after.at("/integration_keys/0/routing_key").asString()).isEqualTo(routingKey);
    assertThat(timeoutSeconds(id)).containsExactly(null, null);

    assertThat(http().get(SERVICES + "/" + id, team.token()).json().at("/service/name").asString())
        .isEqualTo("Search");
    assertThat(http().get(SERVICES + "?query=sear", team.token()).json().get("services"))
        .hasSize(1);

    assertThat(http().delete(SERVICES + "/" + id, team.token()).status()).isEqualTo(204);
    assertThat(http().get(SERVICES + "/" + id, team.token()).status()).isEqualTo(404);
    assertThat(sendTrigger(routingKey, "after-delete", "Nobody listens").status()).isEqualTo(400);
  }

  @Test
  void aDryRunWalksThePolicyWithoutPagingAndRefusesBadInputByField() {
    Team team = newTeam(120);
    long service = firstServiceId(team);
    String dryRun = SERVICES + "/" + service + "/dry_run";

    Response answered = http().get(dryRun + "?at=2026-12-01T03:00:00Z", team.token());
    assertThat(answered.status()).as(answered.body()).isEqualTo(200);
    JsonNode run = answered.json().get("dry_run");
    assertThat(run.get("service_id").asLong()).isEqualTo(service);
    // The service's urgency follows each event's severity: the dry run says so, and plans high.
    assertThat(run.get("urgency").asString()).isEqualTo("high");
    assertThat(run.get("notes").toString()).contains("follows each event's severity");
    assertThat(run.get("suppressed").asBoolean()).isFalse();
    JsonNode levels = run.get("levels");
    assertThat(levels).hasSize(2);
    assertThat(levels.at("/0/fires_at").asString()).isEqualTo("2026-12-01T03:00:00Z");
    assertThat(levels.at("/0/next_fires_at").asString()).isEqualTo("2026-12-01T03:02:00Z");
    assertThat(levels.at("/1/fires_at").asString()).isEqualTo("2026-12-01T03:02:00Z");
    assertThat(levels.at("/1/next_fires_at").isNull()).isTrue();
    assertThat(levels.at("/0/targets/0/type").asString()).isEqualTo("user");
    assertThat(levels.at("/0/targets/0/name").asString()).isEqualTo("Alice");
    JsonNode alice = levels.at("/0/people/0");
    assertThat(alice.get("name").asString()).isEqualTo("Alice");
    assertThat(alice.get("by_rules").asBoolean()).isFalse();
    List<String> pages = new java.util.ArrayList<>();
    alice
        .get("pages")
        .forEach(
            p ->
                pages.add(
                    p.get("channel").asString()
                        + " "
                        + p.get("contact_method").asString()
                        + " at "
                        + p.get("at").asString()));
    // Addresses masked as in the notification log, never in full.
    assertThat(pages)
        .containsExactlyInAnyOrder(
            "sms +1******0100 at 2026-12-01T03:00:00Z",
            "email "
                + team.aliceEmail().replaceAll("(?<=.).(?=[^@]*@)", "*")
                + " at 2026-12-01T03:00:00Z");
    assertThat(alice.toString()).doesNotContain("+14155550100", team.aliceEmail());
    assertThat(levels.at("/1/people/0/name").asString()).isEqualTo("Bob");

    assertThat(
            http()
                .get(dryRun + "?urgency=low", team.token())
                .json()
                .at("/dry_run/urgency")
                .asString())
        .isEqualTo("low");
    Response badAt = http().get(dryRun + "?at=yesterday", team.token());
    assertThat(badAt.status()).isEqualTo(400);
    assertThat(badAt.body()).contains("'at'");
    Response badUrgency = http().get(dryRun + "?urgency=urgent", team.token());
    assertThat(badUrgency.status()).isEqualTo(400);
    assertThat(badUrgency.body()).contains("'urgency' must be one of high, low");
    Response unknown = http().get(SERVICES + "/999999999/dry_run", team.token());
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.body()).contains("Service 999999999");

    // Nothing was opened or sent.
    assertThat(incidentCount(team.accountId())).isZero();
    assertThat(inboxCount(team.accountId(), "sms")).isZero();
    assertThat(inboxCount(team.accountId(), "email")).isZero();
  }

  @Test
  void invalidServiceIs400NamingEachFieldAndChangesNothing() {
    Team team = newTeam(60);
    long existing = firstServiceId(team);

    Response created =
        http()
            .postJson(
                SERVICES,
                team.token(),
                """
                {"name": "", "urgency_rule": "medium",
                 "ack_timeout_minutes": 0, "auto_resolve_timeout_minutes": 50000}""");
    Response replaced =
        http()
            .putJson(
                SERVICES + "/" + existing,
                team.token(),
                "{\"name\": \"Renamed\", \"escalation_policy_id\": %d, \"urgency_rule\": \"urgent\"}"
                    .formatted(primaryPolicyId(team)));
    Response unknownPolicy =
        http()
            .postJson(
                SERVICES,
                team.token(),
                "{\"name\": \"Orphan\", \"escalation_policy_id\": 999999999, \"team_id\": 999999999}");
    Response wrongType =
        http()
            .postJson(
                SERVICES,
                team.token(),
                "{\"name\": \"x\", \"escalation_policy_id\": 1, \"ack_timeout_minutes\": \"1h\"}");

    assertThat(errors(created))
        .containsExactly(
            "'ack_timeout_minutes' must be between 1 and 43200",
            "'auto_resolve_timeout_minutes' must be between 1 and 43200",
            "'escalation_policy_id' must not be null",
            "'name' must not be blank",
            "'urgency_rule' must be one of high, low, severity");
    assertThat(errors(replaced))
        .containsExactly("'urgency_rule' must be one of high, low, severity");
    assertThat(errors(unknownPolicy))
        .containsExactly(
            "'team_id' is not a team of this account",
            "'escalation_policy_id' is not an escalation policy of this account");
    assertThat(errors(wrongType))
        .containsExactly("'ack_timeout_minutes' has the wrong type or format");

    JsonNode services = http().get(SERVICES, team.token()).json().get("services");
    assertThat(services).hasSize(1);
    assertThat(services.at("/0/name").asString()).startsWith("Checkout ");
    assertThat(services.at("/0/urgency_rule").asString()).isEqualTo("severity");
    assertThat(keyCount(team)).isEqualTo(1);
  }

  @Test
  void anotherAccountsServiceIsNotFoundAndItsPolicyAndTeamCannotBeNamed() {
    Team owner = newTeam(60);
    Team stranger = newTeam(60);
    long service = firstServiceId(owner);
    long ownersPolicy = primaryPolicyId(owner);
    long ownersTeam = createTeam(owner, "Owners");
    long key = activeKeyIds(owner, service).get(0);
    String body =
        "{\"name\": \"Mine now\", \"escalation_policy_id\": %d, \"team_id\": %d}"
            .formatted(ownersPolicy, ownersTeam);

    assertThat(http().get(SERVICES + "/" + service, stranger.token()).status()).isEqualTo(404);
    assertThat(http().putJson(SERVICES + "/" + service, stranger.token(), body).status())
        .isEqualTo(404);
    assertThat(http().delete(SERVICES + "/" + service, stranger.token()).status()).isEqualTo(404);
    assertThat(
            http().post(SERVICES + "/" + service + "/integration_keys", stranger.token()).status())
        .isEqualTo(404);
    assertThat(
            http()
                .delete(SERVICES + "/" + service + "/integration_keys/" + key, stranger.token())
                .status())
        .isEqualTo(404);
    // Nor through a service of one's own: the key must belong to the service named in the path.
    long strangersService = firstServiceId(stranger);
    assertThat(
            http()
                .delete(
                    SERVICES + "/" + strangersService + "/integration_keys/" + key,
                    stranger.token())
                .status())
        .isEqualTo(404);
    Response borrowing = http().postJson(SERVICES, stranger.token(), body);
    assertThat(errors(borrowing))
        .containsExactly(
            "'team_id' is not a team of this account",
            "'escalation_policy_id' is not an escalation policy of this account");

    assertThat(activeKeyIds(owner, service)).containsExactly(key);
    assertThat(sendTrigger(owner.routingKey(), "still-mine", "Still routed").status())
        .isEqualTo(202);
    assertThat(http().get(SERVICES, stranger.token()).json().get("services")).hasSize(1);
  }

  @Test
  void deletingAServiceWithOpenIncidentsIs409AndWithPastOnesArchivesIt() {
    Team team = newTeam(60);
    long service = firstServiceId(team);
    sendTrigger(team.routingKey(), "disk", "Disk full");
    sendTrigger(team.routingKey(), "cpu", "CPU hot");
    await().atMost(Duration.ofSeconds(15)).until(() -> incidentCount(team.accountId()) == 2);
    List<Long> numbers =
        jdbc.sql("select number from incidents where account_id = ? order by number")
            .param(team.accountId())
            .query(Long.class)
            .list();

    Response open = http().delete(SERVICES + "/" + service, team.token());

    assertThat(open.status()).isEqualTo(409);
    assertThat(open.json().at("/error/code").asString()).isEqualTo("in_use");
    assertThat(open.json().at("/error/message").asString())
        .isEqualTo(
            "Service %d is in use by incident #%d, incident #%d"
                .formatted(service, numbers.get(0), numbers.get(1)));

    for (long number : numbers) {
      assertThat(http().post("/api/v1/incidents/" + number + "/resolve", team.token()).status())
          .isEqualTo(200);
    }
    Response resolved = http().delete(SERVICES + "/" + service, team.token());

    // With only past incidents it is archived: gone from the API, its history kept.
    assertThat(resolved.status()).isEqualTo(204);
    assertThat(http().get(SERVICES + "/" + service, team.token()).status()).isEqualTo(404);
    assertThat(http().get(SERVICES, team.token()).json().get("services")).isEmpty();
    assertThat(sendTrigger(team.routingKey(), "after", "After archiving").status())
        .as("its routing key is retired")
        .isNotEqualTo(202);
    Response incident = http().get("/api/v1/incidents/" + numbers.get(0), team.token());
    assertThat(incident.status()).isEqualTo(200);
    assertThat(incident.body()).contains("Disk full");
    assertThat(
            http()
                .delete("/api/v1/escalation_policies/" + primaryPolicyId(team), team.token())
                .status())
        .as("the policy it used is free to go")
        .isEqualTo(204);
    assertThat(http().delete(SERVICES + "/" + service, team.token()).status())
        .as("archived: not found any more")
        .isEqualTo(404);
  }

  @Test
  void aRetiredIntegrationKeyIsRefusedByTheEventsApiWhileTheNewOneIsAccepted() {
    Team team = newTeam(60);
    long service = firstServiceId(team);
    String keys = SERVICES + "/" + service + "/integration_keys";
    long oldKey = activeKeyIds(team, service).get(0);
    long otherService =
        http()
            .postJson(
                SERVICES,
                team.token(),
                "{\"name\": \"Other\", \"escalation_policy_id\": %d}"
                    .formatted(primaryPolicyId(team)))
            .json()
            .at("/service/id")
            .asLong();
    // A key is retired only through its own service.
    assertThat(
            http()
                .delete(SERVICES + "/" + otherService + "/integration_keys/" + oldKey, team.token())
                .status())
        .isEqualTo(404);
    assertThat(activeKeyIds(team, service)).containsExactly(oldKey);

    Response created = http().post(keys, team.token());
    assertThat(created.status()).isEqualTo(201);
    String newRoutingKey = created.json().at("/integration_key/routing_key").asString();
    long newKey = created.json().at("/integration_key/id").asLong();
    assertThat(newRoutingKey).matches("[0-9a-f]{32}").isNotEqualTo(team.routingKey());
    assertThat(http().delete(keys + "/" + oldKey, team.token()).status()).isEqualTo(204);

    Response refused = sendTrigger(team.routingKey(), "retired", "Sent with the old key");
    Response accepted = sendTrigger(newRoutingKey, "current", "Sent with the new key");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body()).contains("routing_key");
    assertThat(accepted.status()).isEqualTo(202);
    JsonNode shown = http().get(SERVICES + "/" + service, team.token()).json();
    assertThat(shown.at("/service/integration_keys")).hasSize(1);
    assertThat(shown.at("/service/integration_keys/0/id").asLong()).isEqualTo(newKey);

    // The last key may go too (the service then takes no events); retiring twice is a no-op.
    assertThat(http().delete(keys + "/" + newKey, team.token()).status()).isEqualTo(204);
    assertThat(http().delete(keys + "/" + newKey, team.token()).status()).isEqualTo(204);
    assertThat(sendTrigger(newRoutingKey, "current", "Sent once more").status()).isEqualTo(400);
    assertThat(activeKeyIds(team, service)).isEmpty();
  }

  @Test
  void listPagesAndFiltersByNameAndTeam() {
    Team team = newTeam(60);
    long policy = primaryPolicyId(team);
    long teamId = createTeam(team, "Growth");
    for (String name : new String[] {"Ads", "Ads reporting"}) {
      Response created =
          http()
              .postJson(
                  SERVICES,
                  team.token(),
                  "{\"name\": \"%s\", \"team_id\": %d, \"escalation_policy_id\": %d}"
                      .formatted(name, teamId, policy));
      assertThat(created.status()).isEqualTo(201);
    }

    JsonNode byTeam = http().get(SERVICES + "?team_id=" + teamId, team.token()).json();
    JsonNode byName = http().get(SERVICES + "?query=REPORT", team.token()).json();
    JsonNode first = http().get(SERVICES + "?limit=2", team.token()).json();
    JsonNode second = http().get(SERVICES + "?limit=2&offset=2", team.token()).json();

    assertThat(byTeam.get("services")).hasSize(2);
    assertThat(byName.get("services")).hasSize(1);
    assertThat(byName.at("/services/0/integration_keys")).hasSize(1);
    assertThat(first.at("/services/1/name").asString()).isEqualTo("Ads reporting");
    assertThat(first.get("more").asBoolean()).isTrue();
    assertThat(second.get("services")).hasSize(1);
    assertThat(second.at("/services/0/name").asString()).startsWith("Checkout ");
    assertThat(second.get("more").asBoolean()).isFalse();
    assertThat(http().get(SERVICES + "?limit=101", team.token()).status()).isEqualTo(400);
  }

  @Test
  void servicesAreDescribedInOpenApi() {
    Response docs = http().get("/v3/api-docs", (String) null);

    assertThat(docs.body())
        .contains(
            "/api/v1/services/{serviceId}/integration_keys/{keyId}",
            "ack_timeout_minutes",
            "/api/v1/teams/{teamId}/members/{userId}");
  }

  private long createTeam(Team team, String name) {
    Response created =
        http().postJson("/api/v1/teams", team.token(), "{\"name\": \"" + name + "\"}");
    assertThat(created.status()).isEqualTo(201);
    return created.json().at("/team/id").asLong();
  }

  private static List<String> errors(Response response) {
    assertThat(response.status()).isEqualTo(400);
    return response.json().at("/error/errors").valueStream().map(JsonNode::asString).toList();
  }

  private List<Integer> timeoutSeconds(long serviceId) {
    return jdbc.sql(
            "select ack_timeout_seconds, auto_resolve_timeout_seconds from services where id = ?")
        .param(serviceId)
        .query(
            (rs, n) ->
                java.util.Arrays.asList(
                    (Integer) rs.getObject("ack_timeout_seconds"),
                    (Integer) rs.getObject("auto_resolve_timeout_seconds")))
        .single();
  }

  private List<Long> activeKeyIds(Team team, long serviceId) {
    return jdbc.sql(
            "select id from integration_keys where account_id = ? and service_id = ?"
                + " and retired_at is null order by id")
        .params(team.accountId(), serviceId)
        .query(Long.class)
        .list();
  }

  private int keyCount(Team team) {
    return jdbc.sql("select count(*) from integration_keys where account_id = ?")
        .param(team.accountId())
        .query(Integer.class)
        .single();
  }
}
