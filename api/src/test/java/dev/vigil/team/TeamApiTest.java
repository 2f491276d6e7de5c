package dev.vigil.team;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.support.AppTestBase;
import dev.vigil.support.HttpDriver.Response;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Teams and their members through the REST API. */
class TeamApiTest extends AppTestBase {

  @Test
  void createReadReplaceListAndDeleteATeam() {
    Team team = newTeam(60);
    Response created =
        http()
            .postJson(
                "/api/v1/teams",
                team.token(),
                "{\"name\": \"Payments\", \"description\": \"Checkout and billing\"}");
    assertThat(created.status()).isEqualTo(201);
    long id = created.json().at("/team/id").asLong();
    assertThat(created.json().at("/team/description").asString()).isEqualTo("Checkout and billing");

    Response replaced =
        http().putJson("/api/v1/teams/" + id, team.token(), "{\"name\": \"Payments EU\"}");
    assertThat(replaced.status()).isEqualTo(200);
    assertThat(replaced.json().at("/team/name").asString()).isEqualTo("Payments EU");
    assertThat(replaced.json().at("/team/description").asString()).isEmpty();

    Response read = http().get("/api/v1/teams/" + id, team.token());
    assertThat(read.json().at("/team/name").asString()).isEqualTo("Payments EU");
    JsonNode listed = http().get("/api/v1/teams", team.token()).json();
    assertThat(listed.get("teams")).hasSize(1);
    assertThat(listed.at("/teams/0/id").asLong()).isEqualTo(id);

    assertThat(http().delete("/api/v1/teams/" + id, team.token()).status()).isEqualTo(204);
    assertThat(http().get("/api/v1/teams/" + id, team.token()).status()).isEqualTo(404);
  }

  @Test
  void invalidTeamIs400NamingEachFieldAndChangesNothing() {
    Team team = newTeam(60);
    long id = createTeam(team, "Databases");
    String tooLong = "x".repeat(1001);

    Response created =
        http()
            .postJson(
                "/api/v1/teams",
                team.token(),
                "{\"name\": \" \", \"description\": \"" + tooLong + "\"}");
    Response replaced =
        http()
            .putJson(
                "/api/v1/teams/" + id,
                team.token(),
                "{\"name\": \"\", \"description\": \"" + tooLong + "\"}");
    Response wrongType = http().postJson("/api/v1/teams", team.token(), "{\"name\": {}}");

    assertThat(created.status()).isEqualTo(400);
    assertThat(created.json().at("/error/errors").toString()).contains("'name'", "'description'");
    assertThat(replaced.status()).isEqualTo(400);
    assertThat(replaced.json().at("/error/errors").toString()).contains("'name'", "'description'");
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.json().at("/error/errors/0").asString()).startsWith("'name'");
    JsonNode teams = http().get("/api/v1/teams", team.token()).json().get("teams");
    assertThat(teams).hasSize(1);
    assertThat(teams.get(0).get("name").asString()).isEqualTo("Databases");
  }

  @Test
  void aSecondTeamWithTheSameNameIs409() {
    Team team = newTeam(60);
    createTeam(team, "Mobile");
    long web = createTeam(team, "Web");

    Response created = http().postJson("/api/v1/teams", team.token(), "{\"name\": \"Mobile\"}");
    Response renamed =
        http().putJson("/api/v1/teams/" + web, team.token(), "{\"name\": \"Mobile\"}");

    assertThat(created.status()).isEqualTo(409);
    assertThat(renamed.status()).isEqualTo(409);
    assertThat(renamed.json().at("/error/message").asString()).contains("Mobile");
    assertThat(http().get("/api/v1/teams/" + web, team.token()).json().at("/team/name").asString())
        .isEqualTo("Web");
  }

  @Test
  void anotherAccountsTeamAndUsersAreNotFound() {
    Team owner = newTeam(60);
    Team stranger = newTeam(60);
    long ownersTeam = createTeam(owner, "Owners");
    long strangersTeam = createTeam(stranger, "Strangers");
    long ownersAlice = idOfUser(owner, owner.aliceEmail());
    String teamPath = "/api/v1/teams/" + ownersTeam;

    assertThat(http().get(teamPath, stranger.token()).status()).isEqualTo(404);
    assertThat(http().putJson(teamPath, stranger.token(), "{\"name\": \"Taken over\"}").status())
        .isEqualTo(404);
    assertThat(http().delete(teamPath, stranger.token()).status()).isEqualTo(404);
    assertThat(http().get(teamPath + "/members", stranger.token()).status()).isEqualTo(404);
    assertThat(http().putJson(teamPath + "/members/" + ownersAlice, stranger.token(), "").status())
        .isEqualTo(404);
    assertThat(http().delete(teamPath + "/members/" + ownersAlice, stranger.token()).status())
        .isEqualTo(404);
    // Another account's user cannot join one's own team either.
    Response foreignMember =
        http()
            .putJson(
                "/api/v1/teams/" + strangersTeam + "/members/" + ownersAlice, stranger.token(), "");
    assertThat(foreignMember.status()).isEqualTo(404);
    assertThat(foreignMember.json().at("/error/message").asString()).contains("User");

    assertThat(http().get(teamPath, owner.token()).json().at("/team/name").asString())
        .isEqualTo("Owners");
    assertThat(memberCount(stranger, strangersTeam)).isZero();
  }

  @Test
  void membersAreAddedOnceListedByNameAndRemoved() {
    Team team = newTeam(60);
    long id = createTeam(team, "Platform");
    long alice = idOfUser(team, team.aliceEmail());
    long bob = idOfUser(team, team.bobEmail());
    String members = "/api/v1/teams/" + id + "/members";

    assertThat(http().putJson(members + "/" + bob, team.token(), "").status()).isEqualTo(204);
    assertThat(http().putJson(members + "/" + alice, team.token(), "").status()).isEqualTo(204);
    assertThat(http().putJson(members + "/" + alice, team.token(), "").status()).isEqualTo(204);

    JsonNode firstPage = http().get(members + "?limit=1", team.token()).json();
    assertThat(firstPage.get("members")).hasSize(1);
    assertThat(firstPage.at("/members/0/name").asString()).isEqualTo("Alice");
    assertThat(firstPage.get("more").asBoolean()).isTrue();
    JsonNode all = http().get(members, team.token()).json();
    assertThat(all.get("members")).hasSize(2);
    assertThat(all.at("/members/1/email").asString()).isEqualTo(team.bobEmail());
    assertThat(all.get("more").asBoolean()).isFalse();
    assertThat(http().get("/api/v1/users?team_id=" + id, team.token()).json().get("users"))
        .hasSize(2);

    assertThat(http().delete(members + "/" + bob, team.token()).status()).isEqualTo(204);
    assertThat(http().delete(members + "/" + bob, team.token()).status()).isEqualTo(204);
    assertThat(memberCount(team, id)).isEqualTo(1);
    assertThat(http().get("/api/v1/users/" + bob, team.token()).status()).isEqualTo(200);
  }

  @Test
  void deletingATeamThatOwnsThingsIs409NamingThem() {
    Team team = newTeam(60);
    long id = createTeam(team, "Storage");
    long alice = idOfUser(team, team.aliceEmail());
    http().putJson("/api/v1/teams/" + id + "/members/" + alice, team.token(), "");
    // The team's service, policy and schedule are given to it as their own APIs would.
    jdbc.sql("update services set name = 'Object store', team_id = ? where id = ?")
        .params(id, firstServiceId(team))
        .update();
    jdbc.sql("update escalation_policies set team_id = ? where id = ?")
        .params(id, primaryPolicyId(team))
        .update();
    jdbc.sql(
            "insert into schedules (account_id, name, time_zone, team_id) values (?, 'Storage rota', 'UTC', ?)")
        .params(team.accountId(), id)
        .update();

    Response refused = http().delete("/api/v1/teams/" + id, team.token());

    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().at("/error/code").asString()).isEqualTo("in_use");
    assertThat(refused.json().at("/error/message").asString())
        .contains(
            "service \"Object store\"",
            "escalation policy \"Primary\"",
            "schedule \"Storage rota\"");
    assertThat(http().get("/api/v1/teams/" + id, team.token()).status()).isEqualTo(200);
    assertThat(memberCount(team, id)).isEqualTo(1);
  }

  @Test
  void listPagesAndFiltersByName() {
    Team team = newTeam(60);
    createTeam(team, "Search");
    createTeam(team, "Search Infra");
    createTeam(team, "Billing");

    JsonNode search = http().get("/api/v1/teams?query=SEARCH", team.token()).json();
    JsonNode first = http().get("/api/v1/teams?limit=2", team.token()).json();
    JsonNode second = http().get("/api/v1/teams?limit=2&offset=2", team.token()).json();
    Response badLimit = http().get("/api/v1/teams?limit=0", team.token());

    assertThat(search.get("teams")).hasSize(2);
    assertThat(first.get("teams")).hasSize(2);
    assertThat(first.at("/teams/0/name").asString()).isEqualTo("Billing");
    assertThat(first.get("more").asBoolean()).isTrue();
    assertThat(second.get("teams")).hasSize(1);
    assertThat(second.at("/teams/0/name").asString()).isEqualTo("Search Infra");
    assertThat(second.get("more").asBoolean()).isFalse();
    assertThat(badLimit.status()).isEqualTo(400);
    assertThat(badLimit.json().at("/error/errors/0").asString()).startsWith("'limit'");
  }

  private long createTeam(Team team, String name) {
    Response created =
        http().postJson("/api/v1/teams", team.token(), "{\"name\": \"" + name + "\"}");
    assertThat(created.status()).isEqualTo(201);
    return created.json().at("/team/id").asLong();
  }

  private int memberCount(Team team, long teamId) {
    return jdbc.sql("select count(*) from team_members where account_id = ? and team_id = ?")
        .params(team.accountId(), teamId)
        .query(Integer.class)
        .single();
  }
}
