package dev.vigil.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.support.HttpDriver.Response;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The "done" scenario, through the API only: a weekly rotation of three in New York with a
 * 09:00 handoff, a business-hours layer above it, an override; rendered over the week in which
 * daylight-saving time ends (Sunday 1 November 2026, 02:00 EDT becomes 01:00 EST), and asked who is
 * on call at chosen instants.
 */
class ScheduleScenarioTest extends ScheduleTestBase {

  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  @Test
  void layersAndAnOverrideRenderAcrossTheEndOfDaylightSavingTime() {
    Team team = newTeam(60);
    long alice = userId(team, team.aliceEmail());
    long bob = userId(team, team.bobEmail());
    long carol = createUser(team, "Carol");
    long dave = createUser(team, "Dave");
    String weekdays =
        String.join(
            ", ",
            java.util.stream.Stream.of("monday", "tuesday", "wednesday", "thursday", "friday")
                .map(
                    day ->
                        "{\"type\": \"weekly\", \"start_day\": \""
                            + day
                            + "\", \"start_time\": \"09:00\", \"duration_minutes\": 480}")
                .toList());
    long schedule =
        createSchedule(
            team,
            """
            {"name": "Payments primary", "time_zone": "America/New_York", "layers": [
              {"name": "Weekly rotation", "start": "2026-10-01T00:00:00Z",
               "rotation": {"first_handoff": "2026-10-26T09:00:00", "length": 1, "unit": "weeks"},
               "members": [%d, %d, %d]},
              {"name": "Business hours", "start": "2026-10-01T00:00:00Z",
               "rotation": {"first_handoff": "2026-10-26T09:00:00", "length": 1, "unit": "weeks"},
               "members": [%d], "restrictions": [%s]}]}"""
                .formatted(alice, bob, carol, dave, weekdays));
    Response override =
        http()
            .postJson(
                "/api/v1/schedules/" + schedule + "/overrides",
                team.token(),
                """
                {"user_id": %d, "start": "2026-10-27T16:00:00Z", "end": "2026-10-27T18:00:00Z"}"""
                    .formatted(bob));
    assertThat(override.status()).as(override.body()).isEqualTo(201);

    // Monday 26 October 00:00 EDT to Tuesday 3 November 00:00 EST.
    Response rendered =
        http()
            .get(
                "/api/v1/schedules/"
                    + schedule
                    + "/shifts?since=2026-10-26T04:00:00Z&until=2026-11-03T05:00:00Z",
                team.token());

    assertThat(rendered.status()).as(rendered.body()).isEqualTo(200);
    JsonNode body = rendered.json();
    assertThat(body.get("time_zone").asString()).isEqualTo("America/New_York");
    // The rotation hands off at 09:00 local on both sides of the change: 13:00Z in EDT, 14:00Z in
    // EST. Turns before the first handoff cycle backwards, so Carol has the one before Alice's.
    assertThat(shifts(body.at("/layers/0/shifts")))
        .containsExactly(
            "Carol 2026-10-26T04:00:00Z 2026-10-26T13:00:00Z",
            "Alice 2026-10-26T13:00:00Z 2026-11-02T14:00:00Z",
            "Bob 2026-11-02T14:00:00Z 2026-11-03T05:00:00Z");
    assertThat(localTime(body.at("/layers/0/shifts/1/start"))).isEqualTo("2026-10-26T09:00");
    assertThat(localTime(body.at("/layers/0/shifts/2/start"))).isEqualTo("2026-11-02T09:00");
    // Business hours stay 09:00 to 17:00 local: no window on the weekend of the change.
    assertThat(shifts(body.at("/layers/1/shifts")))
        .containsExactly(
            "Dave 2026-10-26T13:00:00Z 2026-10-26T21:00:00Z",
            "Dave 2026-10-27T13:00:00Z 2026-10-27T21:00:00Z",
            "Dave 2026-10-28T13:00:00Z 2026-10-28T21:00:00Z",
            "Dave 2026-10-29T13:00:00Z 2026-10-29T21:00:00Z",
            "Dave 2026-10-30T13:00:00Z 2026-10-30T21:00:00Z",
            "Dave 2026-11-02T14:00:00Z 2026-11-02T22:00:00Z");
    assertThat(body.at("/layers/1/name").asString()).isEqualTo("Business hours");
    assertThat(shifts(body.get("final_shifts")))
        .containsExactly(
            "Carol 2026-10-26T04:00:00Z 2026-10-26T13:00:00Z",
            "Dave 2026-10-26T13:00:00Z 2026-10-26T21:00:00Z",
            "Alice 2026-10-26T21:00:00Z 2026-10-27T13:00:00Z",
            "Dave 2026-10-27T13:00:00Z 2026-10-27T16:00:00Z",
            "Bob 2026-10-27T16:00:00Z 2026-10-27T18:00:00Z",
            "Dave 2026-10-27T18:00:00Z 2026-10-27T21:00:00Z",
            "Alice 2026-10-27T21:00:00Z 2026-10-28T13:00:00Z",
            "Dave 2026-10-28T13:00:00Z 2026-10-28T21:00:00Z",
            "Alice 2026-10-28T21:00:00Z 2026-10-29T13:00:00Z",
            "Dave 2026-10-29T13:00:00Z 2026-10-29T21:00:00Z",
            "Alice 2026-10-29T21:00:00Z 2026-10-30T13:00:00Z",
            "Dave 2026-10-30T13:00:00Z 2026-10-30T21:00:00Z",
            "Alice 2026-10-30T21:00:00Z 2026-11-02T14:00:00Z",
            "Dave 2026-11-02T14:00:00Z 2026-11-02T22:00:00Z",
            "Bob 2026-11-02T22:00:00Z 2026-11-03T05:00:00Z");

    // Sunday night after the change, 02:00 EST: the rotation's person.
    assertThat(onCall(team, schedule, "2026-11-01T07:00:00Z")).isEqualTo("Alice");
    // Wednesday 10:00 EDT and Monday 10:00 EST: business hours.
    assertThat(onCall(team, schedule, "2026-10-28T14:00:00Z")).isEqualTo("Dave");
    assertThat(onCall(team, schedule, "2026-11-02T15:00:00Z")).isEqualTo("Dave");
    // Monday 08:59 EST is still before 09:00 local, though after 09:00 EDT would have been.
    assertThat(onCall(team, schedule, "2026-11-02T13:59:00Z")).isEqualTo("Alice");
    // Tuesday 13:00 EDT, inside the override, which wins over business hours.
    assertThat(onCall(team, schedule, "2026-10-27T17:00:00Z")).isEqualTo("Bob");
    // Monday 22:00 EST: the next turn of the rotation.
    assertThat(onCall(team, schedule, "2026-11-03T03:00:00Z")).isEqualTo("Bob");

    JsonNode weekend =
        http()
            .get(
                "/api/v1/oncalls?schedule_id=" + schedule + "&at=2026-11-01T07:00:00Z",
                team.token())
            .json();
    assertThat(weekend.at("/oncalls/0/schedule/name").asString()).isEqualTo("Payments primary");
    assertThat(weekend.at("/oncalls/0/start").asString()).isEqualTo("2026-10-30T21:00:00Z");
    assertThat(weekend.at("/oncalls/0/end").asString()).isEqualTo("2026-11-02T14:00:00Z");
  }

  private String onCall(Team team, long schedule, String at) {
    Response response =
        http().get("/api/v1/oncalls?schedule_id=" + schedule + "&at=" + at, team.token());
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    assertThat(response.json().get("oncalls")).as(at).hasSize(1);
    return response.json().at("/oncalls/0/user/name").asString();
  }

  private static String localTime(JsonNode instant) {
    return LocalDateTime.ofInstant(Instant.parse(instant.asString()), NEW_YORK).toString();
  }
}
