package dev.vigil.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.oncall.OnCallSetup;
import dev.vigil.support.HttpDriver.Response;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Schedules and their overrides through the REST API: the life of one, bad input, scoping. */
class ScheduleApiTest extends ScheduleTestBase {

  @Test
  void createReadReplaceListAndDeleteASchedule() {
    Team team = newTeam(60);
    long alice = userId(team, team.aliceEmail());
    long bob = userId(team, team.bobEmail());
    long teamId =
        jdbc.sql("insert into teams (account_id, name) values (?, 'Payments') returning id")
            .param(team.accountId())
            .query(Long.class)
            .single();
    Response created =
        http()
            .postJson(
                "/api/v1/schedules",
                team.token(),
                """
                {"name": "Payments primary", "description": "Follow the sun", "team_id": %d,
                 "time_zone": "Europe/Paris", "layers": [
                   {"name": "Nights", "start": "2026-10-01T00:00:00Z", "end": "2027-01-01T00:00:00Z",
                    "rotation": {"first_handoff": "2026-10-26T18:00", "length": 12, "unit": "hours"},
                    "members": [%d, %d, %d],
                    "restrictions": [
                      {"type": "daily", "start_time": "18:00", "duration_minutes": 840},
                      {"type": "weekly", "start_day": "saturday", "start_time": "00:00",
                       "duration_minutes": 2880}]}]}"""
                    .formatted(teamId, alice, bob, alice));

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode schedule = created.json().get("schedule");
    long id = schedule.get("id").asLong();
    assertThat(schedule.get("team_id").asLong()).isEqualTo(teamId);
    assertThat(schedule.get("time_zone").asString()).isEqualTo("Europe/Paris");
    JsonNode layer = schedule.at("/layers/0");
    assertThat(layer.get("end").asString()).isEqualTo("2027-01-01T00:00:00Z");
    assertThat(layer.get("rotation").toString())
        .isEqualTo("{\"first_handoff\":\"2026-10-26T18:00:00\",\"length\":12,\"unit\":\"hours\"}");
    assertThat(layer.get("members").toString())
        .isEqualTo("[" + alice + "," + bob + "," + alice + "]");
    assertThat(layer.get("restrictions").toString())
        .isEqualTo(
            "[{\"type\":\"daily\",\"start_day\":null,\"start_time\":\"18:00\",\"duration_minutes\":840},"
                + "{\"type\":\"weekly\",\"start_day\":\"saturday\",\"start_time\":\"00:00\","
                + "\"duration_minutes\":2880}]");

    // What a GET answers can be PUT back unchanged.
    JsonNode read = http().get("/api/v1/schedules/" + id, team.token()).json().get("schedule");
    assertThat(read).isEqualTo(schedule);
    Response same = http().putJson("/api/v1/schedules/" + id, team.token(), read.toString());
    assertThat(same.status()).as(same.body()).isEqualTo(200);
    assertThat(same.json().get("schedule")).isEqualTo(schedule);

    Response replaced =
        http()
            .putJson(
                "/api/v1/schedules/" + id,
                team.token(),
                weeklySchedule("Payments secondary", "America/Chicago", bob));
    assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
    assertThat(replaced.json().at("/schedule/name").asString()).isEqualTo("Payments secondary");
    assertThat(replaced.json().at("/schedule/team_id").isNull()).isTrue();
    assertThat(replaced.json().at("/schedule/layers")).hasSize(1);
    assertThat(replaced.json().at("/schedule/layers/0/members/0").asLong()).isEqualTo(bob);
    assertThat(replaced.json().at("/schedule/layers/0/restrictions")).isEmpty();
    assertThat(layerRows(id)).isEqualTo(1);

    createSchedule(team, weeklySchedule("Infra", "UTC", alice));
    assertThat(names(http().get("/api/v1/schedules", team.token())))
        .containsExactly("Infra", "Payments secondary");
    assertThat(names(http().get("/api/v1/schedules?query=PAYMENTS", team.token())))
        .containsExactly("Payments secondary");
    Response firstPage = http().get("/api/v1/schedules?limit=1", team.token());
    assertThat(names(firstPage)).containsExactly("Infra");
    assertThat(firstPage.json().get("more").asBoolean()).isTrue();

    assertThat(http().delete("/api/v1/schedules/" + id, team.token()).status()).isEqualTo(204);
    assertThat(http().get("/api/v1/schedules/" + id, team.token()).status()).isEqualTo(404);
    assertThat(layerRows(id)).isZero();
  }

  @Test
  void aTeamFilterListsTheTeamsSchedules() {
    Team team = newTeam(60);
    long alice = userId(team, team.aliceEmail());
    long teamId =
        jdbc.sql("insert into teams (account_id, name) values (?, 'Infra') returning id")
            .param(team.accountId())
            .query(Long.class)
            .single();
    createSchedule(team, weeklySchedule("Without a team", "UTC", alice));
    createSchedule(
        team,
        """
        {"name": "Infra primary", "time_zone": "UTC", "team_id": %d, "layers": [%s]}"""
            .formatted(teamId, weeklyLayer("Rotation", alice)));

    assertThat(names(http().get("/api/v1/schedules?team_id=" + teamId, team.token())))
        .containsExactly("Infra primary");
  }

  @Test
  void invalidScheduleIs400NamingEachFieldAndCreatesNothing() {
    Team team = newTeam(60);
    Team stranger = newTeam(60);
    long alice = userId(team, team.aliceEmail());
    long strangersAlice = userId(stranger, stranger.aliceEmail());

    Response refused =
        http()
            .postJson(
                "/api/v1/schedules",
                team.token(),
                """
                {"name": "Broken", "time_zone": "America/Nowhere", "layers": [
                  {"name": "Nobody", "start": "2026-10-01T00:00:00Z",
                   "rotation": {"first_handoff": "2026-10-26T09:00:00", "length": 0, "unit": "weeks"},
                   "members": []},
                  {"name": "Backwards", "start": "2026-10-10T00:00:00Z", "end": "2026-10-01T00:00:00Z",
                   "rotation": {"first_handoff": "2026-10-26T09:00:00", "length": 1, "unit": "months"},
                   "members": [%d, %d],
                   "restrictions": [
                     {"type": "weekly", "start_time": "09:00", "duration_minutes": 60},
                     {"type": "daily", "start_time": "22:00", "duration_minutes": 1500}]}]}"""
                    .formatted(alice, strangersAlice));
    Response empty = http().postJson("/api/v1/schedules", team.token(), "{}");
    Response zonedHandoff =
        http()
            .postJson(
                "/api/v1/schedules",
                team.token(),
                weeklySchedule("Zoned handoff", "UTC", alice)
                    .replace("2026-10-26T09:00:00", "2026-10-26T09:00:00Z"));
    Response wrongType =
        http()
            .postJson(
                "/api/v1/schedules",
                team.token(),
                weeklySchedule("Wordy", "UTC", alice)
                    .replace("\"length\": 1", "\"length\": \"one\""));

    long[] crowd = new long[501];
    Arrays.fill(crowd, alice);
    Response crowded =
        http().postJson("/api/v1/schedules", team.token(), weeklySchedule("Crowded", "UTC", crowd));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().at("/error/code").asString()).isEqualTo("invalid_request");
    assertThat(errors(refused))
        .containsExactly(
            "'layers[0].members' must not be empty",
            "'layers[0].rotation.length' must be at least 1",
            "'layers[1].end' must be after start",
            "'layers[1].members[1]' is not a user of this account",
            "'layers[1].restrictions[0].start_day' is required for a weekly restriction",
            "'layers[1].restrictions[1].duration_minutes' must be at most 24 hours",
            "'layers[1].rotation.unit' must be one of hours, days, weeks",
            "'time_zone' is not an IANA time zone (e.g. America/New_York)");
    assertThat(errors(empty))
        .containsExactly(
            "'layers' must not be null", "'name' must not be blank", "'time_zone' is required");
    assertThat(errors(zonedHandoff))
        .containsExactly(
            "'layers[0].rotation.first_handoff' must be a local date-time without offset"
                + " (e.g. 2026-11-02T09:00:00)");
    assertThat(errors(wrongType))
        .containsExactly("'layers[0].rotation.length' has the wrong type or format");
    assertThat(errors(crowded))
        .containsExactly("'layers[0].members' must have at most 500 entries");
    assertThat(scheduleCount(team)).isZero();
  }

  @Test
  void anInvalidReplacementChangesNothing() {
    Team team = newTeam(60);
    long alice = userId(team, team.aliceEmail());
    long id = createSchedule(team, weeklySchedule("Steady", "UTC", alice));
    JsonNode before = http().get("/api/v1/schedules/" + id, team.token()).json();

    Response refused =
        http()
            .putJson(
                "/api/v1/schedules/" + id,
                team.token(),
                weeklySchedule("Renamed", "UTC", alice).replace("\"length\": 1", "\"length\": 0"));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(errors(refused)).containsExactly("'layers[0].rotation.length' must be at least 1");
    assertThat(http().get("/api/v1/schedules/" + id, team.token()).json()).isEqualTo(before);
  }

  @Test
  void anotherAccountsScheduleIsNotFound() {
    Team owner = newTeam(60);
    Team stranger = newTeam(60);
    long alice = userId(owner, owner.aliceEmail());
    long strangersAlice = userId(stranger, stranger.aliceEmail());
    long id = createSchedule(owner, weeklySchedule("Private", "UTC", alice));
    long overrideId = addOverride(owner, id, alice).json().at("/override/id").asLong();
    String path = "/api/v1/schedules/" + id;
    String override =
        "{\"user_id\": %d, \"start\": \"2026-10-27T16:00:00Z\", \"end\": \"2026-10-27T18:00:00Z\"}"
            .formatted(strangersAlice);

    assertThat(http().get(path, stranger.token()).status()).isEqualTo(404);
    assertThat(
            http()
                .putJson(path, stranger.token(), weeklySchedule("Mine", "UTC", strangersAlice))
                .status())
        .isEqualTo(404);
    assertThat(http().delete(path, stranger.token()).status()).isEqualTo(404);
    assertThat(http().get(path + "/shifts", stranger.token()).status()).isEqualTo(404);
    assertThat(http().get(path + "/overrides", stranger.token()).status()).isEqualTo(404);
    assertThat(http().postJson(path + "/overrides", stranger.token(), override).status())
        .isEqualTo(404);
    assertThat(http().delete(path + "/overrides/" + overrideId, stranger.token()).status())
        .isEqualTo(404);
    assertThat(http().post(path + "/calendar_feeds", stranger.token()).status()).isEqualTo(404);
    assertThat(http().get("/api/v1/oncalls?schedule_id=" + id, stranger.token()).status())
        .isEqualTo(404);
    assertThat(names(http().get("/api/v1/schedules", stranger.token()))).isEmpty();

    assertThat(http().get(path, owner.token()).json().at("/schedule/name").asString())
        .isEqualTo("Private");
    assertThat(
            http()
                .get(path + "/overrides?since=2026-01-01T00:00:00Z", owner.token())
                .json()
                .get("overrides"))
        .hasSize(1);
  }

  @Test
  void deletingAScheduleAPolicyTargetsIs409NamingThePolicy() {
    Team team = newTeam(60);
    long alice = userId(team, team.aliceEmail());
    long id = createSchedule(team, weeklySchedule("Payments primary", "UTC", alice));
    setup.createPolicy(
        team.accountId(),
        "Payments escalation",
        0,
        List.of(
            new OnCallSetup.LevelSpec(60, List.of(alice)),
            new OnCallSetup.LevelSpec(60, List.of(), List.of(id))));

    Response refused = http().delete("/api/v1/schedules/" + id, team.token());

    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().at("/error/code").asString()).isEqualTo("in_use");
    assertThat(refused.json().at("/error/message").asString())
        .isEqualTo(
            "Schedule " + id + " is in use by escalation policy \"Payments escalation\" level 2");
    assertThat(errors(refused))
        .containsExactly("escalation policy \"Payments escalation\" level 2");
    assertThat(http().get("/api/v1/schedules/" + id, team.token()).status()).isEqualTo(200);
  }

  @Test
  void overridesAreCheckedListedByRangeAndRemoved() {
    Team team = newTeam(60);
    Team stranger = newTeam(60);
    long alice = userId(team, team.aliceEmail());
    long bob = userId(team, team.bobEmail());
    long id = createSchedule(team, weeklySchedule("Primary", "UTC", alice));
    String path = "/api/v1/schedules/" + id + "/overrides";

    Response added = addOverride(team, id, bob);
    Response backwards =
        http()
            .postJson(
                path,
                team.token(),
                "{\"user_id\": %d, \"start\": \"2026-10-27T18:00:00Z\", \"end\": \"2026-10-27T16:00:00Z\"}"
                    .formatted(bob));
    Response strangersUser =
        http()
            .postJson(
                path,
                team.token(),
                "{\"user_id\": %d, \"start\": \"2026-10-27T16:00:00Z\", \"end\": \"2026-10-27T18:00:00Z\"}"
                    .formatted(userId(stranger, stranger.bobEmail())));
    Response missing = http().postJson(path, team.token(), "{\"user_id\": " + bob + "}");

    assertThat(added.status()).isEqualTo(201);
    assertThat(added.json().at("/override/user/name").asString()).isEqualTo("Bob");
    assertThat(added.json().at("/override/start").asString()).isEqualTo("2026-10-27T16:00:00Z");
    assertThat(errors(backwards)).containsExactly("'end' must be after start");
    assertThat(errors(strangersUser)).containsExactly("'user_id' is not a user of this account");
    assertThat(errors(missing))
        .containsExactly("'end' must not be null", "'start' must not be null");
    assertThat(
            http()
                .get(path + "?since=2026-10-27T17:00:00Z&until=2026-10-28T00:00:00Z", team.token())
                .json()
                .get("overrides"))
        .hasSize(1);
    assertThat(
            http()
                .get(path + "?since=2026-10-27T18:00:00Z&until=2026-10-28T00:00:00Z", team.token())
                .json()
                .get("overrides"))
        .isEmpty();

    long overrideId = added.json().at("/override/id").asLong();
    assertThat(http().delete(path + "/" + overrideId, team.token()).status()).isEqualTo(204);
    assertThat(http().delete(path + "/" + overrideId, team.token()).status()).isEqualTo(404);
    assertThat(
            http().get(path + "?since=2026-01-01T00:00:00Z", team.token()).json().get("overrides"))
        .isEmpty();
  }

  @Test
  void renderedRangesAreBoundedAndOrdered() {
    Team team = newTeam(60);
    long id =
        createSchedule(team, weeklySchedule("Primary", "UTC", userId(team, team.aliceEmail())));
    String shifts = "/api/v1/schedules/" + id + "/shifts";

    Response tooLong =
        http().get(shifts + "?since=2026-01-01T00:00:00Z&until=2027-01-03T00:00:00Z", team.token());
    Response backwards =
        http().get(shifts + "?since=2026-01-02T00:00:00Z&until=2026-01-01T00:00:00Z", team.token());
    Response notAnInstant = http().get(shifts + "?since=yesterday", team.token());
    Response aYear =
        http().get(shifts + "?since=2026-01-01T00:00:00Z&until=2027-01-01T00:00:00Z", team.token());

    assertThat(errors(tooLong)).containsExactly("'until' must be at most 366 days after since");
    assertThat(errors(backwards)).containsExactly("'until' must be after since");
    assertThat(errors(notAnInstant)).containsExactly("'since' has an invalid value");
    assertThat(aYear.status()).isEqualTo(200);
  }

  @Test
  void theSchedulesApiIsDescribedInOpenApi() {
    Response docs = http().get("/v3/api-docs", (String) null);

    assertThat(docs.status()).isEqualTo(200);
    assertThat(docs.body())
        .contains(
            "/api/v1/schedules/{id}",
            "/api/v1/schedules/{scheduleId}/shifts",
            "/api/v1/schedules/{scheduleId}/overrides",
            "/api/v1/oncalls",
            "first_handoff",
            "duration_minutes");
  }

  private Response addOverride(Team team, long scheduleId, long userId) {
    return http()
        .postJson(
            "/api/v1/schedules/" + scheduleId + "/overrides",
            team.token(),
            "{\"user_id\": %d, \"start\": \"2026-10-27T16:00:00Z\", \"end\": \"2026-10-27T18:00:00Z\"}"
                .formatted(userId));
  }

  private int layerRows(long scheduleId) {
    return jdbc.sql("select count(*) from schedule_layers where schedule_id = ?")
        .param(scheduleId)
        .query(Integer.class)
        .single();
  }

  private static List<String> names(Response list) {
    assertThat(list.status()).as(list.body()).isEqualTo(200);
    return list.json().get("schedules").valueStream().map(s -> s.get("name").asString()).toList();
  }
}
