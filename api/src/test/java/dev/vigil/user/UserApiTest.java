package dev.vigil.user;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.support.AppTestBase;
import dev.vigil.support.HttpDriver.Response;
import org.junit.jupiter.api.Test;

/** Users, their contact methods and notification rules through the REST API. */
class UserApiTest extends AppTestBase {

  @Test
  void createReadUpdateListAndDeleteAUser() {
    Team team = newTeam(60);
    Response created =
        http()
            .postJson(
                "/api/v1/users",
                team.token(),
                """
            {"name": "Carol Chen", "email": "carol@example.com", "role": "responder", "time_zone": "Asia/Tokyo"}""");
    assertThat(created.status()).isEqualTo(201);
    long id = created.json().at("/user/id").asLong();
    assertThat(created.json().at("/user/time_zone").asString()).isEqualTo("Asia/Tokyo");
    // Reachable from the start: the email address is the first contact method.
    assertThat(http().get("/api/v1/users/" + id + "/contact_methods", team.token()).body())
        .contains("\"kind\":\"email\"", "carol@example.com");

    Response updated =
        http()
            .putJson(
                "/api/v1/users/" + id,
                team.token(),
                """
            {"name": "Carol Chen-Li", "email": "carol@example.com", "role": "support"}""");
    assertThat(updated.status()).isEqualTo(200);
    assertThat(updated.json().at("/user/name").asString()).isEqualTo("Carol Chen-Li");
    assertThat(updated.json().at("/user/role").asString()).isEqualTo("support");

    Response found = http().get("/api/v1/users?query=chen", team.token());
    assertThat(found.json().get("users")).hasSize(1);
    assertThat(found.json().at("/users/0/id").asLong()).isEqualTo(id);

    assertThat(http().delete("/api/v1/users/" + id, team.token()).status()).isEqualTo(204);
    assertThat(http().get("/api/v1/users/" + id, team.token()).status()).isEqualTo(404);
  }

  @Test
  void invalidUserIs400NamingEachFieldAndCreatesNothing() {
    Team team = newTeam(60);
    int before = http().get("/api/v1/users?limit=100", team.token()).json().get("users").size();

    Response response =
        http()
            .postJson(
                "/api/v1/users",
                team.token(),
                "{\"name\": \"\", \"email\": \"not-mail\", \"role\": \"boss\"}");
    Response badZone =
        http()
            .postJson(
                "/api/v1/users",
                team.token(),
                "{\"name\": \"Dan\", \"email\": \"dan@example.com\", \"time_zone\": \"Mars/Olympus\"}");
    Response wrongType =
        http()
            .postJson(
                "/api/v1/users", team.token(), "{\"name\": [1], \"email\": \"x@example.com\"}");
    // The one email rule (docs/decisions/0024): refused here as for a contact method.
    Response noDomainDot =
        http()
            .postJson(
                "/api/v1/users", team.token(), "{\"name\": \"Eve\", \"email\": \"eve@localhost\"}");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().at("/error/errors").toString())
        .contains("'email'", "'name'", "'role'");
    assertThat(badZone.json().at("/error/errors/0").asString()).startsWith("'time_zone'");
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.json().at("/error/errors/0").asString()).startsWith("'name'");
    assertThat(noDomainDot.status()).isEqualTo(400);
    assertThat(noDomainDot.json().at("/error/errors/0").asString())
        .isEqualTo("'email' must be a well-formed email address");
    assertThat(http().get("/api/v1/users?limit=100", team.token()).json().get("users"))
        .hasSize(before);
  }

  @Test
  void anotherAccountsUserIsNotFound() {
    Team owner = newTeam(60);
    Team stranger = newTeam(60);
    long alice = userId(owner, owner.aliceEmail());

    assertThat(http().get("/api/v1/users/" + alice, stranger.token()).status()).isEqualTo(404);
    assertThat(
            http()
                .putJson(
                    "/api/v1/users/" + alice,
                    stranger.token(),
                    "{\"name\": \"Mallory\", \"email\": \"m@example.com\"}")
                .status())
        .isEqualTo(404);
    assertThat(http().delete("/api/v1/users/" + alice, stranger.token()).status()).isEqualTo(404);
    assertThat(http().get("/api/v1/users/" + alice + "/contact_methods", stranger.token()).status())
        .isEqualTo(404);
    assertThat(
            http().get("/api/v1/users/" + alice, owner.token()).json().at("/user/name").asString())
        .isEqualTo("Alice");
  }

  @Test
  void deletingAUserAPolicyPagesIs409SayingWhichPolicy() {
    Team team = newTeam(60);
    long alice = userId(team, team.aliceEmail());

    Response refused = http().delete("/api/v1/users/" + alice, team.token());

    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().at("/error/code").asString()).isEqualTo("in_use");
    assertThat(refused.json().at("/error/message").asString())
        .contains("escalation policy \"Primary\" level 1");
    assertThat(http().get("/api/v1/users/" + alice, team.token()).status()).isEqualTo(200);
  }

  @Test
  void aPastOverrideDoesNotKeepAUserFromBeingDeleted() {
    Team team = newTeam(60);
    long carol =
        http()
            .postJson(
                "/api/v1/users",
                team.token(),
                "{\"name\": \"Carol\", \"email\": \"carol-past@example.com\"}")
            .json()
            .at("/user/id")
            .asLong();
    long schedule = setup.createSchedule(team.accountId(), "Past", "UTC");
    java.time.Instant lastWeek = java.time.Instant.now().minus(java.time.Duration.ofDays(7));
    setup.addOverride(team.accountId(), schedule, carol, lastWeek, lastWeek.plusSeconds(3600));

    assertThat(http().delete("/api/v1/users/" + carol, team.token()).status()).isEqualTo(204);
    assertThat(http().get("/api/v1/users/" + carol, team.token()).status()).isEqualTo(404);
  }

  @Test
  void duplicateEmailIs409() {
    Team team = newTeam(60);
    Response duplicate =
        http()
            .postJson(
                "/api/v1/users",
                team.token(),
                "{\"name\": \"Alice again\", \"email\": \""
                    + team.aliceEmail().toUpperCase()
                    + "\"}");

    assertThat(duplicate.status()).isEqualTo(409);
  }

  @Test
  void phoneNumbersAreNormalisedToE164InTheAccountsHomeCountry() {
    Team team = newTeam(60);
    long alice = userId(team, team.aliceEmail());
    String path = "/api/v1/users/" + alice + "/contact_methods";

    Response local =
        http()
            .postJson(path, team.token(), "{\"kind\": \"phone\", \"address\": \"(212) 555-0199\"}");
    Response foreign =
        http()
            .postJson(
                path, team.token(), "{\"kind\": \"phone\", \"address\": \"+44 20 7946 0958\"}");
    Response invalid =
        http().postJson(path, team.token(), "{\"kind\": \"phone\", \"address\": \"12\"}");
    Response badKind =
        http().postJson(path, team.token(), "{\"kind\": \"pager\", \"address\": \"x\"}");

    assertThat(local.status()).isEqualTo(201);
    assertThat(local.json().at("/contact_method/address").asString()).isEqualTo("+12125550199");
    assertThat(foreign.json().at("/contact_method/address").asString()).isEqualTo("+442079460958");
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.json().at("/error/errors/0").asString()).startsWith("'address'");
    assertThat(badKind.json().at("/error/errors/0").asString()).startsWith("'kind'");
  }

  @Test
  void notificationRulesMustMatchTheirContactMethodAndProtectItFromDeletion() {
    Team team = newTeam(60);
    long alice = userId(team, team.aliceEmail());
    long phone = contactMethodId(team, alice, "phone");
    long email = contactMethodId(team, alice, "email");
    String rules = "/api/v1/users/" + alice + "/notification_rules";

    Response call =
        http()
            .postJson(
                rules,
                team.token(),
                "{\"urgency\": \"high\", \"contact_method_id\": "
                    + phone
                    + ", \"channel\": \"voice\", \"delay_minutes\": 2}");
    Response emailByPhone =
        http()
            .postJson(
                rules,
                team.token(),
                "{\"urgency\": \"high\", \"contact_method_id\": "
                    + phone
                    + ", \"channel\": \"email\", \"delay_minutes\": 5}");
    Response tooLate =
        http()
            .postJson(
                rules,
                team.token(),
                "{\"urgency\": \"low\", \"contact_method_id\": "
                    + email
                    + ", \"channel\": \"email\", \"delay_minutes\": 9999}");

    assertThat(call.status()).isEqualTo(201);
    assertThat(call.json().at("/notification_rule/delay_minutes").asInt()).isEqualTo(2);
    assertThat(emailByPhone.status()).isEqualTo(400);
    assertThat(emailByPhone.json().at("/error/errors/0").asString()).startsWith("'channel'");
    assertThat(tooLate.json().at("/error/errors/0").asString()).startsWith("'delay_minutes'");

    Response refused =
        http().delete("/api/v1/users/" + alice + "/contact_methods/" + phone, team.token());
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().at("/error/message").asString()).contains("notification rule");
    assertThat(http().get(rules + "?urgency=high", team.token()).json().get("notification_rules"))
        .hasSize(1);
  }

  @Test
  void theApiIsDescribedInOpenApi() {
    Response docs = http().get("/v3/api-docs", (String) null);

    assertThat(docs.status()).isEqualTo(200);
    assertThat(docs.body())
        .contains(
            "/api/v1/users",
            "/api/v1/incidents",
            "contact_method_id",
            "/api/v1/operator/accounts/{accountId}/invoices/{id}/approve",
            "/api/v1/operator/accounts",
            "/api/v1/billing/export.csv");
  }

  private long userId(Team team, String email) {
    return jdbc.sql("select id from users where account_id = ? and email = ?")
        .params(team.accountId(), email)
        .query(Long.class)
        .single();
  }

  private long contactMethodId(Team team, long userId, String kind) {
    return jdbc.sql(
            "select id from contact_methods where account_id = ? and user_id = ? and kind = ?")
        .params(team.accountId(), userId, kind)
        .query(Long.class)
        .single();
  }
}
