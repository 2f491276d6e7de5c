package dev.vigil.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.support.AppTestBase;
import dev.vigil.support.HttpDriver.Response;
import org.junit.jupiter.api.Test;

/**
 * Tokens acting as users carry their roles: every role reads, a responder acts on incidents and
 * takes overrides, everyone keeps their own contact methods, and the rest of the configuration is
 * the admins'. A refusal changes nothing.
 */
class RolesApiTest extends AppTestBase {

  @Test
  void aResponderReadsActsOnIncidentsAndKeepsTheirOwnSettingsButDoesNotReconfigure() {
    Team team = newTeam(60);
    long bob = idOfUser(team, team.bobEmail());
    long alice = idOfUser(team, team.aliceEmail());
    String responder = tokens.createForUser(team.accountId(), bob, "bob");

    assertThat(http().get("/api/v1/services", responder).status()).isEqualTo(200);
    Response newService =
        http()
            .postJson(
                "/api/v1/services",
                responder,
                """
                {"name": "Sneaky", "escalation_policy_id": %d}"""
                    .formatted(primaryPolicyId(team)));
    assertThat(newService.status()).isEqualTo(403);
    assertThat(newService.body()).contains("responder");
    assertThat(
            jdbc.sql("select count(*) from services where account_id = ? and name = 'Sneaky'")
                .param(team.accountId())
                .query(Integer.class)
                .single())
        .isZero();
    assertThat(http().delete("/api/v1/users/" + alice, responder).status()).isEqualTo(403);

    Response own =
        http()
            .postJson(
                "/api/v1/users/" + bob + "/contact_methods",
                responder,
                "{\"kind\": \"email\", \"address\": \"bob-pager@example.com\"}");
    assertThat(own.status()).as(own.body()).isEqualTo(201);
    Response someoneElses =
        http()
            .postJson(
                "/api/v1/users/" + alice + "/contact_methods",
                responder,
                "{\"kind\": \"email\", \"address\": \"not-alice@example.com\"}");
    assertThat(someoneElses.status()).isEqualTo(403);

    // Acting on incidents is theirs: an unknown number is a 404 from the incident, not a 403.
    assertThat(http().post("/api/v1/incidents/999999/acknowledge", responder).status())
        .isEqualTo(404);
  }

  @Test
  void supportStaffOnlyRead() {
    Team team = newTeam(60);
    long dana =
        setup.createUser(
            team.accountId(), "Dana", "dana-" + team.routingKey() + "@example.com", "support");
    String support = tokens.createForUser(team.accountId(), dana, "dana");

    assertThat(http().get("/api/v1/incidents", support).status()).isEqualTo(200);
    assertThat(http().post("/api/v1/incidents/1/acknowledge", support).status()).isEqualTo(403);
  }
}
