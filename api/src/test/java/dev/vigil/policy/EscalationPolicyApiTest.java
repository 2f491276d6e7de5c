package dev.vigil.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.support.AppTestBase;
import dev.vigil.support.HttpDriver.Response;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Escalation policies through the REST API, and what replacing one does to incidents. */
class EscalationPolicyApiTest extends AppTestBase {

  private static final String POLICIES = "/api/v1/escalation_policies";

  @Test
  void createReadReplaceListAndDeleteAPolicy() {
    Team team = newTeam(60);
    long alice = idOfUser(team, team.aliceEmail());
    long bob = idOfUser(team, team.bobEmail());
    long rota = newSchedule(team, "Day rota");

    Response created =
        http()
            .postJson(
                POLICIES,
                team.token(),
                """
                {"name": "Databases", "description": "DBAs first", "repeat_count": 2,
                 "levels": [
                   {"delay_minutes": 5, "targets": [{"type": "user", "id": %d}, {"type": "schedule", "id": %d}]},
                   {"delay_minutes": 10, "targets": [{"type": "user", "id": %d}]}]}"""
                    .formatted(alice, rota, bob));
    assertThat(created.status()).isEqualTo(201);
    JsonNode policy = created.json().get("escalation_policy");
    long id = policy.get("id").asLong();
    assertThat(policy.get("repeat_count").asInt()).isEqualTo(2);
    assertThat(policy.get("team_id").isNull()).isTrue();
    assertThat(policy.at("/levels/0/delay_minutes").asInt()).isEqualTo(5);
    assertThat(policy.at("/levels/0/targets/0/name").asString()).isEqualTo("Alice");
    assertThat(policy.at("/levels/0/targets/1/type").asString()).isEqualTo("schedule");
    assertThat(policy.at("/levels/0/targets/1/name").asString()).isEqualTo("Day rota");
    assertThat(policy.at("/levels/1/position").asInt()).isEqualTo(2);
    assertThat(policy.at("/levels/1/targets/0/id").asLong()).isEqualTo(bob);
    // The API speaks minutes; the workflow reads seconds.
    assertThat(delaySeconds(id)).containsExactly(300, 600);

    Response replaced =
        http()
            .putJson(
                POLICIES + "/" + id,
                team.token(),
                """
                {"name": "Databases (nights)",
                 "levels": [{"delay_minutes": 1, "targets": [{"type": "user", "id": %d}]}]}"""
                    .formatted(bob));
    assertThat(replaced.status()).isEqualTo(200);
    assertThat(replaced.json().at("/escalation_policy/repeat_count").asInt()).isZero();
    assertThat(replaced.json().at("/escalation_policy/levels")).hasSize(1);
    assertThat(delaySeconds(id)).containsExactly(60);
    assertThat(targetCount(id)).isEqualTo(1);

    JsonNode read = http().get(POLICIES + "/" + id, team.token()).json();
    assertThat(read.at("/escalation_policy/name").asString()).isEqualTo("Databases (nights)");
    assertThat(read.at("/escalation_policy/levels/0/targets/0/name").asString()).isEqualTo("Bob");
    assertThat(
            http().get(POLICIES + "?query=nights", team.token()).json().get("escalation_policies"))
        .hasSize(1);

    assertThat(http().delete(POLICIES + "/" + id, team.token()).status()).isEqualTo(204);
    assertThat(http().get(POLICIES + "/" + id, team.token()).status()).isEqualTo(404);
    assertThat(delaySeconds(id)).isEmpty();
  }

  @Test
  void invalidPolicyIs400NamingEachFieldWithItsIndexAndChangesNothing() {
    Team team = newTeam(60);
    Team stranger = newTeam(60);
    long alice = idOfUser(team, team.aliceEmail());
    long strangersBob = idOfUser(stranger, stranger.bobEmail());
    long strangersRota = newSchedule(stranger, "Their rota");
    long primary = primaryPolicyId(team);

    Response empty =
        http()
            .postJson(
                POLICIES, team.token(), "{\"name\": \"\", \"repeat_count\": 10, \"levels\": []}");
    Response badLevels =
        http()
            .postJson(
                POLICIES,
                team.token(),
                """
                {"name": "Broken", "levels": [
                  {"delay_minutes": 0, "targets": []},
                  {"delay_minutes": 5, "targets": [{"type": "team", "id": 1}, {"type": "user"}]}]}""");
    Response foreignTargets =
        http()
            .postJson(
                POLICIES,
                team.token(),
                """
                {"name": "Borrowed", "levels": [
                  {"delay_minutes": 5, "targets": [{"type": "user", "id": %d}, {"type": "user", "id": %d}]},
                  {"delay_minutes": 5, "targets": [{"type": "user", "id": %d}, {"type": "schedule", "id": %d}]}]}"""
                    .formatted(alice, alice, strangersBob, strangersRota));
    Response badReplace =
        http()
            .putJson(
                POLICIES + "/" + primary,
                team.token(),
                """
                {"name": "Primary", "levels": [
                  {"delay_minutes": 5, "targets": [{"type": "user", "id": %d}]},
                  {"delay_minutes": 5, "targets": [{"type": "user", "id": %d}]}]}"""
                    .formatted(alice, strangersBob));
    Response wrongType =
        http()
            .postJson(
                POLICIES,
                team.token(),
                "{\"name\": \"x\", \"levels\": [{\"delay_minutes\": \"soon\", \"targets\": []}]}");

    assertThat(errors(empty))
        .contains(
            "'levels' must not be empty",
            "'name' must not be blank",
            "'repeat_count' must be between 0 and 9");
    assertThat(errors(badLevels))
        .contains(
            "'levels[0].delay_minutes' must be between 1 and 1440",
            "'levels[0].targets' must not be empty",
            "'levels[1].targets[0].type' must be one of user, schedule",
            "'levels[1].targets[1].id' must not be null");
    assertThat(errors(foreignTargets))
        .containsExactly(
            "'levels[0].targets[1]' repeats a target of the same level",
            "'levels[1].targets[0].id' is not a user of this account",
            "'levels[1].targets[1].id' is not a schedule of this account");
    assertThat(errors(badReplace))
        .containsExactly("'levels[1].targets[0].id' is not a user of this account");
    assertThat(errors(wrongType))
        .containsExactly("'levels[0].delay_minutes' has the wrong type or format");

    assertThat(http().get(POLICIES, team.token()).json().get("escalation_policies")).hasSize(1);
    JsonNode unchanged = http().get(POLICIES + "/" + primary, team.token()).json();
    assertThat(unchanged.at("/escalation_policy/levels/1/targets/0/name").asString())
        .isEqualTo("Bob");
    assertThat(targetCount(primary)).isEqualTo(2);
  }

  @Test
  void anotherAccountsPolicyIsNotFoundAndItsTeamCannotBeNamed() {
    Team owner = newTeam(60);
    Team stranger = newTeam(60);
    long primary = primaryPolicyId(owner);
    long ownersTeam =
        http()
            .postJson("/api/v1/teams", owner.token(), "{\"name\": \"Owners\"}")
            .json()
            .at("/team/id")
            .asLong();
    long strangersAlice = idOfUser(stranger, stranger.aliceEmail());
    String body =
        """
        {"name": "Mine now", "team_id": %d,
         "levels": [{"delay_minutes": 5, "targets": [{"type": "user", "id": %d}]}]}"""
            .formatted(ownersTeam, strangersAlice);

    assertThat(http().get(POLICIES + "/" + primary, stranger.token()).status()).isEqualTo(404);
    assertThat(http().putJson(POLICIES + "/" + primary, stranger.token(), body).status())
        .isEqualTo(404);
    assertThat(http().delete(POLICIES + "/" + primary, stranger.token()).status()).isEqualTo(404);
    Response foreignTeam = http().postJson(POLICIES, stranger.token(), body);
    assertThat(foreignTeam.status()).isEqualTo(400);
    assertThat(errors(foreignTeam)).containsExactly("'team_id' is not a team of this account");

    assertThat(
            http()
                .get(POLICIES + "/" + primary, owner.token())
                .json()
                .at("/escalation_policy/name")
                .asString())
        .isEqualTo("Primary");
    assertThat(http().get(POLICIES, stranger.token()).json().get("escalation_policies")).hasSize(1);
  }

  @Test
  void deletingAPolicyAServiceUsesIs409NamingTheService() {
    Team team = newTeam(60);
    long primary = primaryPolicyId(team);

    Response refused = http().delete(POLICIES + "/" + primary, team.token());

    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().at("/error/code").asString()).isEqualTo("in_use");
    assertThat(refused.json().at("/error/message").asString())
        .startsWith("Escalation policy " + primary + " is in use by service \"Checkout ");
    assertThat(targetCount(primary)).isEqualTo(2);
  }

  @Test
  void listPagesAndFiltersByNameAndTeam() {
    Team team = newTeam(60);
    long alice = idOfUser(team, team.aliceEmail());
    long teamId =
        http()
            .postJson("/api/v1/teams", team.token(), "{\"name\": \"SRE\"}")
            .json()
            .at("/team/id")
            .asLong();
    for (String name : new String[] {"SRE primary", "SRE secondary"}) {
      Response created =
          http()
              .postJson(
                  POLICIES,
                  team.token(),
                  """
                  {"name": "%s", "team_id": %d,
                   "levels": [{"delay_minutes": 5, "targets": [{"type": "user", "id": %d}]}]}"""
                      .formatted(name, teamId, alice));
      assertThat(created.status()).isEqualTo(201);
    }

    JsonNode byTeam = http().get(POLICIES + "?team_id=" + teamId, team.token()).json();
    JsonNode byName = http().get(POLICIES + "?query=PRIMARY", team.token()).json();
    JsonNode first = http().get(POLICIES + "?limit=2", team.token()).json();
    JsonNode second = http().get(POLICIES + "?limit=2&offset=2", team.token()).json();

    assertThat(byTeam.get("escalation_policies")).hasSize(2);
    assertThat(byTeam.at("/escalation_policies/0/team_id").asLong()).isEqualTo(teamId);
    assertThat(byName.get("escalation_policies")).hasSize(2); // "Primary" and "SRE primary"
    assertThat(first.at("/escalation_policies/0/name").asString()).isEqualTo("Primary");
    assertThat(first.at("/escalation_policies/0/levels")).hasSize(2);
    assertThat(first.get("more").asBoolean()).isTrue();
    assertThat(second.get("escalation_policies")).hasSize(1);
    assertThat(second.at("/escalation_policies/0/name").asString()).isEqualTo("SRE secondary");
    assertThat(second.get("more").asBoolean()).isFalse();
    assertThat(http().get(POLICIES + "?offset=-1", team.token()).status()).isEqualTo(400);
  }

  /**
   * docs/decisions/0002: an open incident walks the policy as it was when it opened. Level 1 of the
   * old policy waits a few seconds, so the old level 2 fires after the edit: it must page Bob (old)
   * and never Carol or Dave (new). An incident opened after the edit pages Carol.
   */
  @Test
  void replacingAPolicyLeavesOpenIncidentsOnTheirSnapshotAndPagesNewOnesByTheNewPolicy() {
    int oldLevelDelaySeconds = 8;
    Team team = newTeam(oldLevelDelaySeconds);
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String carolEmail = "carol-" + suffix + "@example.com";
    String daveEmail = "dave-" + suffix + "@example.com";
    long carol = setup.createUser(team.accountId(), "Carol", carolEmail, "responder");
    long dave = setup.createUser(team.accountId(), "Dave", daveEmail, "responder");
    long primary = primaryPolicyId(team);

    assertThat(sendTrigger(team.routingKey(), "before-edit", "Queue backlog").status())
        .isEqualTo(202);
    await().atMost(Duration.ofSeconds(15)).until(() -> inboxCount(team.aliceEmail()) == 1);
    long opened = incidentNumber(team, "before-edit");

    Response replaced =
        http()
            .putJson(
                POLICIES + "/" + primary,
                team.token(),
                """
                {"name": "Primary", "levels": [
                  {"delay_minutes": 1, "targets": [{"type": "user", "id": %d}]},
                  {"delay_minutes": 1, "targets": [{"type": "user", "id": %d}]}]}"""
                    .formatted(carol, dave));
    assertThat(replaced.status()).isEqualTo(200);
    // The edit landed while the open incident was still on its level 1.
    assertThat(inboxCount(team.bobEmail())).isZero();
    assertThat(assignees(team, opened)).isEqualTo("[\"Alice\"]");

    await()
        .atMost(Duration.ofSeconds(oldLevelDelaySeconds + 15))
        .until(() -> inboxCount(team.bobEmail()) == 1);
    assertThat(assignees(team, opened)).isEqualTo("[\"Bob\"]");

    assertThat(sendTrigger(team.routingKey(), "after-edit", "Queue backlog again").status())
        .isEqualTo(202);
    await().atMost(Duration.ofSeconds(15)).until(() -> inboxCount(carolEmail) == 1);
    long after = incidentNumber(team, "after-edit");
    assertThat(assignees(team, after)).isEqualTo("[\"Carol\"]");
    assertThat(inboxCount(team.aliceEmail())).isEqualTo(1);
    assertThat(inboxCount(team.bobEmail())).isEqualTo(1);
    assertThat(inboxCount(daveEmail)).isZero();

    // Stop the new incident's escalation: its level 2 would page Dave in a minute.
    http().post("/api/v1/incidents/" + after + "/resolve", team.token());
    http().post("/api/v1/incidents/" + opened + "/resolve", team.token());
  }

  @Test
  void policiesAreDescribedInOpenApi() {
    Response docs = http().get("/v3/api-docs", (String) null);

    assertThat(docs.body()).contains("/api/v1/escalation_policies/{id}", "delay_minutes");
  }

  private static java.util.List<String> errors(Response response) {
    assertThat(response.status()).isEqualTo(400);
    return response.json().at("/error/errors").valueStream().map(JsonNode::asString).toList();
  }

  private long newSchedule(Team team, String name) {
    // No schedule API yet: written as the schedule engine would.
    return jdbc.sql(
            "insert into schedules (account_id, name, time_zone) values (?, ?, 'UTC') returning id")
        .params(team.accountId(), name)
        .query(Long.class)
        .single();
  }

  private java.util.List<Integer> delaySeconds(long policyId) {
    return jdbc.sql(
            "select delay_seconds from escalation_levels where policy_id = ? order by position")
        .param(policyId)
        .query(Integer.class)
        .list();
  }

  private int targetCount(long policyId) {
    return jdbc.sql(
            "select count(*) from escalation_targets t join escalation_levels l on l.id = t.level_id"
                + " where l.policy_id = ?")
        .param(policyId)
        .query(Integer.class)
        .single();
  }

  private long incidentNumber(Team team, String dedupKey) {
    return jdbc.sql("select number from incidents where account_id = ? and dedup_key = ?")
        .params(team.accountId(), dedupKey)
        .query(Long.class)
        .single();
  }

  /** The incident's assignees' names as the REST API shows them, e.g. ["Alice"]. */
  private String assignees(Team team, long number) {
    JsonNode incident = http().get("/api/v1/incidents/" + number, team.token()).json();
    return incident
        .at("/incident/assignees")
        .valueStream()
        .map(a -> a.get("name"))
        .toList()
        .toString();
  }
}
