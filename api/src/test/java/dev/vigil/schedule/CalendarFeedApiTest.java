package dev.vigil.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import dev.vigil.support.HttpDriver.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Calendar feeds: created through the API, fetched as a calendar app would (no token, the secret in
 * the URL), revoked. Schedules here are placed around today, since a feed shows the shifts from 7
 * days back to 60 days ahead of the moment it is fetched.
 */
class CalendarFeedApiTest extends ScheduleTestBase {

  /** 09:00 UTC three days ago: inside the feed's range whenever the test runs. */
  static final LocalDateTime START = LocalDate.now(ZoneOffset.UTC).minusDays(3).atTime(9, 0);

  static final Instant START_INSTANT = START.toInstant(ZoneOffset.UTC);

  @Test
  void aScheduleFeedIsAPublicCalendarOfItsShiftsUntilRevoked() throws Exception {
    Team team = newTeam(60);
    long schedule = createDailySchedule(team, "Payments primary");

    Response created =
        http().post("/api/v1/schedules/" + schedule + "/calendar_feeds", team.token());

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String url = created.json().at("/calendar_feed/url").asString();
    assertThat(url).matches("http://.+/calendars/[0-9a-f]{64}\\.ics");
    assertThat(created.json().at("/calendar_feed/schedule_id").asLong()).isEqualTo(schedule);
    String path = URI.create(url).getPath();
    String secret = path.substring("/calendars/".length(), path.length() - ".ics".length());

    Response feed = http().get(path, (String) null);

    assertThat(feed.status()).isEqualTo(200);
    assertThat(feed.contentType()).startsWith("text/calendar");
    ICalendar calendar = Biweekly.parse(feed.body()).first();
    assertThat(calendar.getExperimentalProperty("X-WR-CALNAME").getValue())
        .isEqualTo("Payments primary");
    List<VEvent> events = calendar.getEvents();
    assertThat(events)
        .extracting(event -> event.getSummary().getValue())
        .containsExactly("Alice", "Bob", "Alice", "Bob");
    assertThat(events)
        .extracting(event -> event.getDateStart().getValue().toInstant())
        .containsExactly(
            START_INSTANT,
            START_INSTANT.plus(1, ChronoUnit.DAYS),
            START_INSTANT.plus(2, ChronoUnit.DAYS),
            START_INSTANT.plus(3, ChronoUnit.DAYS));
    assertThat(events.get(3).getDateEnd().getValue().toInstant())
        .isEqualTo(START_INSTANT.plus(4, ChronoUnit.DAYS));
    assertThat(events.get(0).getUid().getValue())
        .isEqualTo(
            schedule
                + "-"
                + userId(team, team.aliceEmail())
                + "-"
                + START_INSTANT.getEpochSecond()
                + "@vigil");

    // Only the secret's SHA-256 is stored.
    String row =
        jdbc.sql("select row_to_json(f)::text from calendar_feeds f where account_id = ?")
            .param(team.accountId())
            .query(String.class)
            .single();
    assertThat(row).doesNotContain(secret).contains(sha256(secret));

    String unknown = "/calendars/" + sha256("not a feed") + ".ics";
    assertThat(http().get(unknown, (String) null).status()).isEqualTo(404);
    assertThat(http().get("/calendars/not-hex.ics", (String) null).status()).isEqualTo(404);
    assertThat(http().get(path.replace(".ics", ".json"), (String) null).status()).isEqualTo(404);

    long feedId = created.json().at("/calendar_feed/id").asLong();
    Response listed = http().get("/api/v1/schedules/" + schedule + "/calendar_feeds", team.token());
    assertThat(listed.json().get("calendar_feeds")).hasSize(1);
    assertThat(listed.json().at("/calendar_feeds/0/url").isNull()).isTrue();
    String feedPath = "/api/v1/schedules/" + schedule + "/calendar_feeds/" + feedId;
    assertThat(http().delete(feedPath, team.token()).status()).isEqualTo(204);
    assertThat(http().get(path, (String) null).status()).isEqualTo(404);
    assertThat(http().delete(feedPath, team.token()).status()).isEqualTo(404);
  }

  @Test
  void aUserFeedGathersTheirShiftsFromEverySchedule() {
    Team team = newTeam(60);
    long alice = userId(team, team.aliceEmail());
    createDailySchedule(team, "Payments primary");
    long search =
        createSchedule(team, weeklySchedule("Search", "UTC", userId(team, team.bobEmail())));
    Instant overrideStart = START_INSTANT.plus(5, ChronoUnit.DAYS);
    Response override =
        http()
            .postJson(
                "/api/v1/schedules/" + search + "/overrides",
                team.token(),
                "{\"user_id\": %d, \"start\": \"%s\", \"end\": \"%s\"}"
                    .formatted(alice, overrideStart, overrideStart.plus(2, ChronoUnit.HOURS)));
    assertThat(override.status()).as(override.body()).isEqualTo(201);

    Response created = http().post("/api/v1/users/" + alice + "/calendar_feeds", team.token());
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().at("/calendar_feed/user_id").asLong()).isEqualTo(alice);
    String path = URI.create(created.json().at("/calendar_feed/url").asString()).getPath();

    Response feed = http().get(path, (String) null);

    assertThat(feed.status()).isEqualTo(200);
    ICalendar calendar = Biweekly.parse(feed.body()).first();
    assertThat(calendar.getExperimentalProperty("X-WR-CALNAME").getValue())
        .isEqualTo("Alice on call");
    assertThat(calendar.getEvents())
        .extracting(
            event ->
                event.getSummary().getValue() + " " + event.getDateStart().getValue().toInstant())
        .containsExactlyInAnyOrder(
            "On call: Payments primary " + START_INSTANT,
            "On call: Payments primary " + START_INSTANT.plus(2, ChronoUnit.DAYS),
            "On call: Search " + overrideStart);

    long feedId = created.json().at("/calendar_feed/id").asLong();
    assertThat(
            http()
                .delete("/api/v1/users/" + alice + "/calendar_feeds/" + feedId, team.token())
                .status())
        .isEqualTo(204);
    assertThat(http().get(path, (String) null).status()).isEqualTo(404);
  }

  @Test
  void anotherAccountsUserHasNoFeeds() {
    Team owner = newTeam(60);
    Team stranger = newTeam(60);
    long alice = userId(owner, owner.aliceEmail());
    long feedId =
        http()
            .post("/api/v1/users/" + alice + "/calendar_feeds", owner.token())
            .json()
            .at("/calendar_feed/id")
            .asLong();

    assertThat(http().post("/api/v1/users/" + alice + "/calendar_feeds", stranger.token()).status())
        .isEqualTo(404);
    assertThat(http().get("/api/v1/users/" + alice + "/calendar_feeds", stranger.token()).status())
        .isEqualTo(404);
    assertThat(
            http()
                .delete("/api/v1/users/" + alice + "/calendar_feeds/" + feedId, stranger.token())
                .status())
        .isEqualTo(404);
    assertThat(
            http()
                .get("/api/v1/users/" + alice + "/calendar_feeds", owner.token())
                .json()
                .get("calendar_feeds"))
        .hasSize(1);
  }

  @Test
  void feedsAreDescribedInOpenApi() {
    assertThat(http().get("/v3/api-docs", (String) null).body())
        .contains(
            "/api/v1/schedules/{scheduleId}/calendar_feeds",
            "/api/v1/users/{userId}/calendar_feeds",
            "/calendars/{secret}.ics");
  }

  /** Alice and Bob take daily turns at 09:00 UTC for four days from {@link #START}. */
  private long createDailySchedule(Team team, String name) {
    return createSchedule(
        team,
        """
        {"name": "%s", "time_zone": "UTC", "layers": [
          {"name": "Daily", "start": "%s", "end": "%s",
           "rotation": {"first_handoff": "%s", "length": 1, "unit": "days"},
           "members": [%d, %d]}]}"""
            .formatted(
                name,
                START_INSTANT,
                START_INSTANT.plus(4, ChronoUnit.DAYS),
                START,
                userId(team, team.aliceEmail()),
                userId(team, team.bobEmail())));
  }

  private static String sha256(String text) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
