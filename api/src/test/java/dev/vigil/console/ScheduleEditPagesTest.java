package dev.vigil.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * An admin changes a layer the API made with windows the console's form cannot show: its people and
 * rotation change, its weekly windows, its schedule's description and other layers stay.
 */
class ScheduleEditPagesTest extends ConsoleTestBase {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

  private final CookieManager cookies = new CookieManager();
  private final HttpClient client =
      HttpClient.newBuilder()
          .cookieHandler(cookies)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  @Test
  void changingALayersRotationKeepsItsWeeklyWindows() throws Exception {
    Team team = newTeam(60);
    String ada = person(team.accountId(), "Ada", "admin");
    long adaId = userId(ada);
    long samId = userId(person(team.accountId(), "Sam", "responder"));
    JsonNode created =
        http()
            .postJson(
                "/api/v1/schedules",
                team.token(),
                """
                {"name": "Payments", "description": "Business hours", "time_zone": "UTC",
                 "layers": [
                   {"name": "Base", "start": "2026-10-01T00:00:00Z",
                    "rotation": {"first_handoff": "2026-10-01T09:00:00", "length": 1, "unit": "weeks"},
                    "members": [%d], "restrictions": []},
                   {"name": "Office", "start": "2026-10-01T00:00:00Z",
                    "rotation": {"first_handoff": "2026-10-05T09:00:00", "length": 1, "unit": "weeks"},
                    "members": [%d],
                    "restrictions": [
                      {"type": "weekly", "start_day": "monday", "start_time": "09:00", "duration_minutes": 480},
                      {"type": "weekly", "start_day": "tuesday", "start_time": "09:00", "duration_minutes": 480}]}]}"""
                    .formatted(samId, adaId))
            .json();
    long schedule = created.at("/schedule/id").asLong();
    logIn(ada);
    String page = get("/console/schedules/" + schedule).body();
    assertThat(page).contains("Its time windows stay as they are.");

    HttpResponse<String> changed =
        post(
            "/console/admin/schedules/" + schedule + "/layers/1",
            "layerName=Office&members="
                + samId
                + "&members="
                + adaId
                + "&members=&length=2&unit=days&handoff=2026-10-05T09:00&_csrf="
                + enc(csrf(page)));
    assertThat(changed.statusCode()).as(changed.body()).isEqualTo(302);

    JsonNode after =
        http().get("/api/v1/schedules/" + schedule, team.token()).json().at("/schedule");
    assertThat(after.at("/description").asString()).isEqualTo("Business hours");
    assertThat(after.at("/layers/0/name").asString()).isEqualTo("Base");
    JsonNode office = after.at("/layers/1");
    assertThat(office.at("/members/0").asLong()).isEqualTo(samId);
    assertThat(office.at("/members/1").asLong()).isEqualTo(adaId);
    assertThat(office.at("/members").size()).isEqualTo(2);
    assertThat(office.at("/rotation/length").asInt()).isEqualTo(2);
    assertThat(office.at("/rotation/unit").asString()).isEqualTo("days");
    assertThat(office.at("/start").asString()).isEqualTo("2026-10-01T00:00:00Z");
    assertThat(office.at("/restrictions").size()).isEqualTo(2);
    assertThat(office.at("/restrictions/1/start_day").asString()).isEqualTo("tuesday");

    // Refused: nothing changes, the field is named.
    HttpResponse<String> refused =
        post(
            "/console/admin/schedules/" + schedule + "/layers/1",
            "layerName=Office&members=&length=2&unit=days&handoff=2026-10-05T09:00&_csrf="
                + enc(csrf(page)));
    assertThat(refused.statusCode()).isEqualTo(200);
    assertThat(refused.body()).contains("&#39;members&#39;");
    assertThat(
            http()
                .get("/api/v1/schedules/" + schedule, team.token())
                .json()
                .at("/schedule/layers/1/members")
                .size())
        .isEqualTo(2);
  }

  private long userId(String email) {
    return jdbc.sql("select id from users where email = ?").param(email).query(Long.class).single();
  }

  private void logIn(String email) throws Exception {
    String token = csrf(get("/login").body());
    HttpResponse<String> response =
        post(
            "/login",
            "username=" + enc(email) + "&password=" + enc(PASSWORD) + "&_csrf=" + enc(token));
    assertThat(response.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
  }

  private HttpResponse<String> get(String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Accept", "text/html")
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String form) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "text/html")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String csrf(String html) {
    Matcher matcher = CSRF.matcher(html);
    assertThat(matcher.find()).as(html).isTrue();
    return matcher.group(1);
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
