package dev.vigil.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.auth.ApiCaller;
import dev.vigil.console.IncidentStories.Story;
import dev.vigil.console.PagingReasons.Reason;
import dev.vigil.oncall.OnCallSetup.LevelSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The plain-words history and the "why paged" sentences, from what the running app recorded for
 * real incidents: Alice paged at once, Bob three seconds later when nobody acknowledged, Dave on a
 * level never reached, Carol in no level, and a second incident whose SMS the page budget held.
 */
class PlainHistoryTest extends ConsoleTestBase {

  private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");

  @Autowired IncidentStories stories;

  private long account;
  private long alice;
  private long bob;
  private String routingKey;
  private String token;

  @Test
  void tellsWhatHappenedAndWhyEachPersonWasPagedOrNot() {
    team();
    sendTrigger(routingKey, "disk", "Disk full on db-01");
    long number = awaitPaged(bob, "disk");
    var ack = http().post("/api/v1/incidents/" + number + "/acknowledge", token);
    assertThat(ack.status()).as(ack.body()).isEqualTo(200);

    Story story = story(number);
    assertThat(story.zone()).as("the account's time zone").isEqualTo("Asia/Kolkata");
    List<String> said = story.lines().stream().map(l -> l.time() + " — " + l.sentence()).toList();
    assertThat(story.lines().get(0).time())
        .isEqualTo(clock(story.incident().createdAt().atZone(KOLKATA).toLocalTime()));
    assertThat(story.lines().get(0).day()).as("the first line names the day").isNotNull();
    assertThat(said)
        .anyMatch(s -> s.endsWith("Triggered on Checkout: Disk full on db-01"))
        .anyMatch(s -> s.endsWith("Level 1 of the escalation policy assigned to Alice Smith"))
        .anyMatch(
            s ->
                s.matches(
                    "\\d\\d:\\d\\d:\\d\\d — SMS to Alice Smith's phone \\(…0100\\) via"
                        + " dev-inbox, sent \\d\\d:\\d\\d:\\d\\d"))
        .anyMatch(s -> s.contains("Email to Alice Smith's email (a…@example.com) via dev-inbox"))
        .anyMatch(
            s ->
                s.matches(
                    ".* — Waiting \\d s for an acknowledgement \\(until \\d\\d:\\d\\d:\\d\\d\\), then level 2"))
        .anyMatch(
            s ->
                s.matches(
                    ".* — Escalated to level 2 \\(no acknowledgement \\d s after level 1\\):"
                        + " assigned to Bob Jones"))
        .anyMatch(s -> s.contains("Email to Bob Jones's email (b…@example.com) via dev-inbox"))
        .anyMatch(s -> s.endsWith("Acknowledged by check via the REST API"))
        .noneMatch(s -> s.contains("4155550100"))
        .noneMatch(s -> s.startsWith("Notified"));
    // Bob's page came the level's delay after Alice's, in that order.
    int alicePage = indexOf(said, "SMS to Alice Smith's phone");
    int waiting = indexOf(said, "Waiting");
    int bobPage = indexOf(said, "Email to Bob Jones");
    assertThat(alicePage).isLessThan(waiting);
    assertThat(waiting).isLessThan(bobPage);
    long apart =
        Duration.between(
                LocalTime.parse(story.lines().get(alicePage).time()),
                LocalTime.parse(story.lines().get(bobPage).time()))
            .toSeconds();
    assertThat(apart).isBetween(3L, 6L);

    assertThat(reason(story, "Alice Smith"))
        .returns(true, Reason::paged)
        .extracting(Reason::sentence)
        .asString()
        .contains("by level 1 of \"Primary\", which names them directly")
        .contains("the first level, paged as the incident opened");
    assertThat(reason(story, "Bob Jones"))
        .returns(true, Reason::paged)
        .extracting(Reason::sentence)
        .asString()
        .contains("by level 2 of \"Primary\", which names them directly")
        .containsPattern("Level 2 was due at \\d\\d:\\d\\d:\\d\\d, \\d s after level 1")
        .contains("went without an acknowledgement");
    assertThat(reason(story, "Dave"))
        .returns(false, Reason::paged)
        .extracting(Reason::sentence)
        .asString()
        .contains("Level 3 of \"Primary\" names Dave, but the incident was acknowledged by check")
        .contains("before level 3 was due");
    assertThat(reason(story, "Carol"))
        .returns(false, Reason::paged)
        .extracting(Reason::sentence)
        .asString()
        .startsWith("Carol is not in \"Primary\"");
  }

  @Test
  void aPageTheBudgetHeldSaysSo() {
    team();
    sendTrigger(routingKey, "first", "Disk full on db-01");
    awaitPaged(alice, "first");
    // Alice's SMS budget allows one a minute: the second incident's SMS is held.
    sendTrigger(routingKey, "second", "Disk full on db-02");
    long second = awaitPaged(alice, "second");

    // The e-mail and the held SMS are written by separate sends: wait for the SMS's line.
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(story(second).lines())
                    .extracting(PlainHistory.Line::sentence)
                    .anyMatch(
                        s ->
                            s.startsWith(
                                    "SMS to Alice Smith's phone (…0100) held by the page budget (")
                                && s.contains("per minute")));
    Story story = story(second);
    assertThat(story.lines())
        .extracting(PlainHistory.Line::sentence)
        .as("still triggered: the wait for the next level is running")
        .anyMatch(
            s ->
                s.matches(
                    "Waiting \\d+ (s|min) for an acknowledgement \\(until \\d\\d:\\d\\d:\\d\\d\\),"
                        + " then level [23], as the policy now stands"));
    assertThat(reason(story, "Alice Smith").sentence())
        .as("her email still went out")
        .contains("was paged at");
  }

  @Test
  void someoneOnCallThroughAnOverrideIsToldSo() {
    team();
    long schedule = setup.createSchedule(account, "Night desk", "UTC");
    Instant now = Instant.now();
    setup.addOverride(account, schedule, bob, now.minusSeconds(3600), now.plusSeconds(3600));
    long policy =
        setup.createPolicy(
            account, "Nights", 0, List.of(new LevelSpec(600, List.of(), List.of(schedule))));
    String key = UUID.randomUUID().toString().replace("-", "");
    setup.createService(account, "Night jobs", policy, "severity", key);
    sendTrigger(key, "night", "Backup failed");
    long number = awaitPaged(bob, "night");

    Story story = story(number);
    assertThat(story.lines())
        .extracting(PlainHistory.Line::sentence)
        .contains(
            "Level 1 of the escalation policy assigned to Bob Jones (on call for \"Night desk\")");
    assertThat(reason(story, "Bob Jones").sentence())
        .contains(
            "by level 1 of \"Nights\", through an override of the schedule \"Night desk\" at that"
                + " time");
    assertThat(reason(story, "Alice Smith"))
        .returns(false, Reason::paged)
        .extracting(Reason::sentence)
        .asString()
        .startsWith("Alice Smith is not in \"Nights\"");
  }

  /** Alice (phone and email) at level 1, Bob 3 s later, Dave after 10 minutes more; Carol. */
  private void team() {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    account = setup.createAccount("Story " + suffix, "US", "Asia/Kolkata");
    alice = setup.createUser(account, "Alice Smith", "alice-" + suffix + "@example.com", "admin");
    setup.addContactMethod(account, alice, "phone", "+14155550100");
    bob = setup.createUser(account, "Bob Jones", "bob-" + suffix + "@example.com", "responder");
    long dave = setup.createUser(account, "Dave", "dave-" + suffix + "@example.com", "responder");
    setup.createUser(account, "Carol", "carol-" + suffix + "@example.com", "support");
    long policy =
        setup.createPolicy(
            account,
            "Primary",
            0,
            List.of(
                new LevelSpec(3, List.of(alice)),
                new LevelSpec(600, List.of(bob)),
                new LevelSpec(600, List.of(dave))));
    routingKey = UUID.randomUUID().toString().replace("-", "");
    setup.createService(account, "Checkout", policy, "severity", routingKey);
    token = tokens.create(account, "check");
  }

  /** The incident of that dedup key, once a page to the user is on record. */
  private long awaitPaged(long userId, String dedupKey) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                jdbc.sql(
                        """
                        select i.number from incidents i join notifications n on n.incident_id = i.id
                        where i.account_id = ? and i.dedup_key = ? and n.user_id = ?
                          and n.status <> 'sending' limit 1""")
                    .params(account, dedupKey, userId)
                    .query(Long.class)
                    .optional()
                    .orElse(0L),
            found -> found > 0);
  }

  private Story story(long number) {
    // Read as support staff read it: a caller of the account without a user of its own.
    return stories
        .of(new ApiCaller(ApiCaller.LOGIN, account, "support", null, "support"), number)
        .orElseThrow();
  }

  private static Reason reason(Story story, String name) {
    return story.reasons().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
  }

  private static int indexOf(List<String> said, String part) {
    for (int i = 0; i < said.size(); i++) {
      if (said.get(i).contains(part)) {
        return i;
      }
    }
    throw new AssertionError("no line with '" + part + "' in " + said);
  }

  private static String clock(LocalTime time) {
    return DateTimeFormatter.ofPattern("HH:mm:ss").format(time);
  }
}
