package dev.vigil.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.support.AppTestBase;
import dev.vigil.support.HttpDriver.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import tools.jackson.databind.JsonNode;

/** Schedules made through the REST API, and ways to read its answers compactly. */
abstract class ScheduleTestBase extends AppTestBase {

  long userId(Team team, String email) {
    return jdbc.sql("select id from users where account_id = ? and email = ?")
        .params(team.accountId(), email)
        .query(Long.class)
        .single();
  }

  long createUser(Team team, String name) {
    String email = name.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
    Response created =
        http()
            .postJson(
                "/api/v1/users",
                team.token(),
                "{\"name\": \"" + name + "\", \"email\": \"" + email + "@example.com\"}");
    assertThat(created.status()).isEqualTo(201);
    return created.json().at("/user/id").asLong();
  }

  long createSchedule(Team team, String body) {
    Response created = http().postJson("/api/v1/schedules", team.token(), body);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().at("/schedule/id").asLong();
  }

  /** A schedule in {@code zone} with a weekly rotation handing off Mondays 09:00 local. */
  static String weeklySchedule(String name, String zone, long... members) {
    return """
        {"name": "%s", "time_zone": "%s", "layers": [%s]}"""
        .formatted(name, zone, weeklyLayer("Weekly rotation", members));
  }

  static String weeklyLayer(String name, long... members) {
    return """
        {"name": "%s", "start": "2026-10-01T00:00:00Z",
         "rotation": {"first_handoff": "2026-10-26T09:00:00", "length": 1, "unit": "weeks"},
         "members": [%s]}"""
        .formatted(
            name, LongStream.of(members).mapToObj(Long::toString).collect(Collectors.joining(",")));
  }

  int scheduleCount(Team team) {
    return jdbc.sql("select count(*) from schedules where account_id = ?")
        .param(team.accountId())
        .query(Integer.class)
        .single();
  }

  /** Shifts as "Alice 2026-10-26T13:00:00Z 2026-11-02T14:00:00Z", to compare whole lists. */
  static List<String> shifts(JsonNode shifts) {
    List<String> lines = new ArrayList<>();
    for (JsonNode shift : shifts) {
      lines.add(
          shift.at("/user/name").asString()
              + " "
              + Instant.parse(shift.get("start").asString())
              + " "
              + Instant.parse(shift.get("end").asString()));
    }
    return lines;
  }

  static List<String> errors(Response response) {
    List<String> errors = new ArrayList<>();
    response.json().at("/error/errors").forEach(error -> errors.add(error.asString()));
    return errors;
  }
}
