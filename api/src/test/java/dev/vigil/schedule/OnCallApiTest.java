package dev.vigil.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.oncall.OnCallSetup;
import dev.vigil.support.HttpDriver.Response;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Who is on call at an instant, asked by user and by escalation policy. */
class OnCallApiTest extends ScheduleTestBase {

  // Wednesday of the week Alice has on "Payments" and Bob on "Search" (handoffs Monday 09:00 UTC).
  static final String WEDNESDAY_NOON = "2026-10-28T12:00:00Z";

  @Test
  void byUserTheSchedulesTheyAreOnCallFor() {
    Team team = newTeam(60);
    long alice = userId(team, team.aliceEmail());
    long bob = userId(team, team.bobEmail());
    long carol = createUser(team, "Carol");
    long payments = createSchedule(team, weeklySchedule("Payments", "UTC", alice, bob));
    createSchedule(team, weeklySchedule("Search", "UTC", bob, alice));
    long carols = createSchedule(team, weeklySchedule("Carol's", "UTC", carol));
    http()
        .postJson(
            "/api/v1/schedules/" + carols + "/overrides",
            team.token(),
            "{\"user_id\": %d, \"start\": \"2026-10-28T11:00:00Z\", \"end\": \"2026-10-28T13:00:00Z\"}"
                .formatted(alice));

    JsonNode alices = oncalls(team, "user_id=" + alice + "&at=" + WEDNESDAY_NOON);
    JsonNode bobs = oncalls(team, "user_id=" + bob + "&at=" + WEDNESDAY_NOON);
    JsonNode everyone = oncalls(team, "at=" + WEDNESDAY_NOON);
    JsonNode alicesLater = oncalls(team, "user_id=" + alice + "&at=2026-11-03T12:00:00Z");

    assertThat(entries(alices)).containsExactly("Alice on Payments", "Alice on Carol's");
    assertThat(alices.at("/oncalls/0/start").asString()).isEqualTo("2026-10-26T09:00:00Z");
    assertThat(alices.at("/oncalls/0/end").asString()).isEqualTo("2026-11-02T09:00:00Z");
    assertThat(alices.at("/oncalls/1/end").asString()).isEqualTo("2026-10-28T13:00:00Z");
    assertThat(alices.at("/oncalls/0/schedule/id").asLong()).isEqualTo(payments);
    assertThat(alices.at("/oncalls/0/escalation_policy").isNull()).isTrue();
    assertThat(entries(bobs)).containsExactly("Bob on Search");
    assertThat(entries(everyone))
        .containsExactly("Alice on Payments", "Bob on Search", "Alice on Carol's");
    assertThat(entries(alicesLater)).containsExactly("Alice on Search");
  }

  @Test
  void theAccountsSchedulesArePagedThrough() {
    Team team = newTeam(60);
    long alice = userId(team, team.aliceEmail());
    long bob = userId(team, team.bobEmail());
    createSchedule(team, weeklySchedule("One", "UTC", alice));
    createSchedule(team, weeklySchedule("Two", "UTC", bob));
    createSchedule(team, weeklySchedule("Three", "UTC", alice));

    JsonNode first = oncalls(team, "at=" + WEDNESDAY_NOON + "&limit=2");
    JsonNode second = oncalls(team, "at=" + WEDNESDAY_NOON + "&limit=2&offset=2");

    assertThat(entries(first)).containsExactly("Alice on One", "Bob on Two");
    assertThat(first.get("more").asBoolean()).isTrue();
    assertThat(entries(second)).containsExactly("Alice on Three");
    assertThat(second.get("more").asBoolean()).isFalse();
    assertThat(http().get("/api/v1/oncalls?limit=0", team.token()).status()).isEqualTo(400);
  }

  @Test
  void byPolicyWhomEachLevelWouldPage() {
    Team team = newTeam(60);
    long alice = userId(team, team.aliceEmail());
    long bob = userId(team, team.bobEmail());
    long carol = createUser(team, "Carol");
    long payments = createSchedule(team, weeklySchedule("Payments", "UTC", alice, bob));
    long search = createSchedule(team, weeklySchedule("Search", "UTC", bob, alice));
    long policy =
        setup.createPolicy(
            team.accountId(),
            "Payments escalation",
            0,
            List.of(
                new OnCallSetup.LevelSpec(60, List.of(), List.of(payments)),
                new OnCallSetup.LevelSpec(60, List.of(carol), List.of(search))));
    String byPolicy = "escalation_policy_id=" + policy + "&at=" + WEDNESDAY_NOON;

    JsonNode all = oncalls(team, byPolicy);
    JsonNode second = oncalls(team, byPolicy + "&level=2");
    JsonNode bobInIt = oncalls(team, byPolicy + "&user_id=" + bob);
    JsonNode nextWeek =
        oncalls(team, "escalation_policy_id=" + policy + "&at=2026-11-03T12:00:00Z");

    assertThat(entries(all))
        .containsExactly(
            "level 1: Alice on Payments", "level 2: Carol directly", "level 2: Bob on Search");
    assertThat(all.at("/oncalls/0/escalation_policy/name").asString())
        .isEqualTo("Payments escalation");
    assertThat(all.at("/oncalls/1/start").isNull()).isTrue();
    assertThat(entries(second))
        .containsExactly("level 2: Carol directly", "level 2: Bob on Search");
    assertThat(entries(bobInIt)).containsExactly("level 2: Bob on Search");
    assertThat(entries(nextWeek))
        .containsExactly(
            "level 1: Bob on Payments", "level 2: Carol directly", "level 2: Alice on Search");
  }

  @Test
  void badFiltersAre400AndOtherAccountsObjects404() {
    Team team = newTeam(60);
    Team stranger = newTeam(60);
    long policy =
        jdbc.sql("select id from escalation_policies where account_id = ?")
            .param(team.accountId())
            .query(Long.class)
            .single();

    Response levelAlone = http().get("/api/v1/oncalls?level=1", team.token());
    Response noSuchLevel =
        http().get("/api/v1/oncalls?escalation_policy_id=" + policy + "&level=3", team.token());
    Response notAnInstant = http().get("/api/v1/oncalls?at=noon", team.token());

    assertThat(errors(levelAlone)).containsExactly("'level' needs escalation_policy_id");
    assertThat(errors(noSuchLevel))
        .containsExactly(
            "'level' is not a level of escalation policy " + policy + " (levels count from 1)");
    assertThat(errors(notAnInstant)).containsExactly("'at' has an invalid value");
    assertThat(
            http().get("/api/v1/oncalls?escalation_policy_id=" + policy, stranger.token()).status())
        .isEqualTo(404);
    assertThat(
            http()
                .get("/api/v1/oncalls?user_id=" + userId(team, team.aliceEmail()), stranger.token())
                .status())
        .isEqualTo(404);
  }

  private JsonNode oncalls(Team team, String query) {
    Response response = http().get("/api/v1/oncalls?" + query, team.token());
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json();
  }

  /** "Alice on Payments", or with a policy "level 2: Carol directly". */
  private static List<String> entries(JsonNode body) {
    List<String> entries = new ArrayList<>();
    for (JsonNode onCall : body.get("oncalls")) {
      String who =
          onCall.at("/user/name").asString()
              + (onCall.get("schedule").isNull()
                  ? " directly"
                  : " on " + onCall.at("/schedule/name").asString());
      entries.add(
          onCall.get("escalation_level").isNull()
              ? who
              : "level " + onCall.get("escalation_level").asInt() + ": " + who);
    }
    return entries;
  }
}
