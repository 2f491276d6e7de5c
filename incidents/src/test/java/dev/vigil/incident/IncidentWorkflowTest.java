package dev.vigil.incident;

import static dev.vigil.testsupport.TestTeam.level;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.vigil.incident.record.IncidentEvents.Triggered;
import dev.vigil.oncall.OnCallSetup;
import dev.vigil.testsupport.DevInbox.Message;
import dev.vigil.testsupport.IncidentRecords.Entry;
import dev.vigil.testsupport.IncidentRecords.Incident;
import dev.vigil.testsupport.IncidentWorkflowTestBase;
import dev.vigil.testsupport.TestTeam;
import dev.vigil.testsupport.WorkflowHistories;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowUpdateException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;

/**
 * The incident workflow on a time-skipping Temporal test server, with the real activities on a real
 * PostgreSQL. Assertions read what a user sees: the dev inbox (who got paged, when), the incident's
 * status, its timeline and assignees.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IncidentWorkflowTest extends IncidentWorkflowTestBase {

  private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
  private static final Duration WAIT = Duration.ofSeconds(15);

  @Test
  void pagesLevelOneAtOnceAndLevelTwoOnlyAfterLevelOnesDelay() {
    long alice = team.user("Alice");
    long bob = team.user("Bob");
    long checkout =
        team.service("Checkout", 0, level(FIVE_MINUTES, alice), level(FIVE_MINUTES, bob));

    temporal.trigger(team.key(checkout, "disk-full"), "Disk full on db-1");

    // Level 1: Alice gets an SMS on her phone and an email, as soon as the incident opens.
    List<Message> levelOne = inbox.awaitMessages(team.accountId(), 2);
    assertThat(levelOne)
        .extracting(Message::channel, Message::recipient, Message::subject)
        .containsExactlyInAnyOrder(
            tuple("sms", team.phone(alice), null),
            tuple("email", team.email(alice), "[Vigil] #1 triggered: Disk full on db-1"));
    assertThat(levelOne)
        .filteredOn(m -> m.channel().equals("sms"))
        .extracting(Message::body)
        .containsExactly("Vigil #1 HIGH Checkout: Disk full on db-1 Reply 4 to ack, 6 to resolve.");
    assertThat(levelOne)
        .filteredOn(m -> m.channel().equals("email"))
        .extracting(Message::body)
        .singleElement()
        .asString()
        .contains("Incident #1 is triggered and assigned to you.", "Summary:  Disk full on db-1");
    Incident incident = records.incident(team.accountId(), 1);
    assertThat(incident.status()).isEqualTo("triggered");
    assertThat(levelOne)
        .allSatisfy(
            m ->
                assertThat(Duration.between(incident.createdAt(), m.pagedAt()))
                    .isLessThan(Duration.ofSeconds(5)));
    assertThat(records.assignees(team.accountId(), incident.id())).containsExactly("Alice");

    Instant levelTwoDue = escalatedAt(incident, 1).plus(FIVE_MINUTES);

    // Two seconds before level 1's delay is up, Bob has not been paged yet.
    temporal.sleepUntil(levelTwoDue.minusSeconds(2));
    assertThat(inbox.messages(team.accountId())).hasSize(2);

    // Just after it, Bob is paged on both his contact methods, and the incident is his.
    temporal.sleepUntil(levelTwoDue.plusSeconds(1));
    List<Message> all = inbox.awaitMessages(team.accountId(), 4);
    assertThat(all).hasSize(4);
    List<Message> levelTwo = all.subList(2, 4);
    assertThat(levelTwo)
        .extracting(Message::channel, Message::recipient)
        .containsExactlyInAnyOrder(tuple("sms", team.phone(bob)), tuple("email", team.email(bob)));
    assertThat(levelTwo)
        .allSatisfy(
            m -> assertThat(m.pagedAt()).isBetween(levelTwoDue, levelTwoDue.plusSeconds(2)));
    assertThat(records.assignees(team.accountId(), incident.id())).containsExactly("Bob");
    assertThat(records.incident(team.accountId(), 1).status()).isEqualTo("triggered");
  }

  @Test
  void aLevelWithNoDelayPagesItsUsersBeforeTheNextLevelFires() {
    long alice = team.user("Alice");
    long bob = team.user("Bob");
    long checkout =
        team.service("Checkout", 0, level(Duration.ZERO, alice), level(FIVE_MINUTES, bob));

    temporal.trigger(team.key(checkout, "disk-full"), "Disk full on db-1");

    // Both levels fire at once: Alice's pages must not be skipped because Bob's level follows.
    List<Message> pages = inbox.awaitMessages(team.accountId(), 4);
    assertThat(pages)
        .extracting(Message::recipient)
        .containsExactlyInAnyOrder(
            team.phone(alice), team.email(alice), team.phone(bob), team.email(bob));
  }

  @Test
  void repeatsThePolicyOnceThenRecordsEscalationExhaustedAndStaysTriggered() {
    long alice = team.user("Alice");
    long bob = team.user("Bob");
    long checkout =
        team.service(
            "Checkout", 1, level(Duration.ofMinutes(1), alice), level(Duration.ofMinutes(1), bob));

    Triggered triggered = temporal.trigger(team.key(checkout, "disk-full"), "Disk full on db-1");
    inbox.awaitMessages(team.accountId(), 2);
    temporal.sleep(Duration.ofHours(1));

    Incident incident = records.incident(team.accountId(), 1);
    List<Entry> timeline =
        awaitTimeline(incident, entries -> lastKind(entries).equals("escalation_exhausted"));

    // Two passes through the policy, a minute apart per level: Alice, Bob, Alice, Bob. A level
    // pages each user's contact methods in the order they were added (email first, then phone).
    List<Message> pages = inbox.messages(team.accountId());
    assertThat(pages)
        .extracting(Message::recipient)
        .containsExactly(
            team.email(alice),
            team.phone(alice),
            team.email(bob),
            team.phone(bob),
            team.email(alice),
            team.phone(alice),
            team.email(bob),
            team.phone(bob));
    // Delays count from when a level fires; its pages follow within real time (the test server's
    // clock runs while activities do: seconds on a loaded machine), never before it.
    Instant levelOneFired = escalatedAt(incident, 1);
    assertThat(pages)
        .extracting(
            m -> Math.floorDiv(Duration.between(levelOneFired, m.pagedAt()).toMillis(), 10_000L))
        .as("tens of seconds after level 1 fired")
        .containsExactly(0L, 0L, 6L, 6L, 12L, 12L, 18L, 18L);
    assertThat(timeline)
        .filteredOn(e -> e.kind().equals("escalated"))
        .extracting(Entry::message)
        .containsExactly(
            "Escalation level 1 (pass 1) assigned to Alice",
            "Escalation level 2 (pass 1) assigned to Bob",
            "Escalation level 1 (pass 2) assigned to Alice",
            "Escalation level 2 (pass 2) assigned to Bob");
    assertThat(timeline.get(timeline.size() - 1).message())
        .isEqualTo("Escalation policy \"Checkout policy\" exhausted; still triggered");

    // Exhausted is not resolved: the incident stays open, with the last level, and nobody is
    // paged again however long it stays that way.
    IncidentWorkflow workflow = temporal.incident(triggered.run());
    assertThat(workflow.state())
        .isEqualTo(new IncidentState(1L, IncidentStatus.TRIGGERED, 2, 2, 1));
    temporal.sleep(Duration.ofDays(1));
    assertThat(inbox.messages(team.accountId())).hasSize(8);
    assertThat(records.incident(team.accountId(), 1).status()).isEqualTo("triggered");
    assertThat(records.assignees(team.accountId(), incident.id())).containsExactly("Bob");

    workflow.resolve(Responder.integration("Test monitor"));
    assertThat(result(triggered.run()).status()).isEqualTo(IncidentStatus.RESOLVED);
    WorkflowHistories.recordIfEnabled(
        temporal.client(), triggered.run(), "escalated-and-exhausted");
  }

  @Test
  void followsTheUsersNotificationRulesAndAcknowledgeCancelsTheStepsStillPending() {
    long alice = team.user("Alice");
    long phone = team.phoneContactMethodId(alice);
    long email =
        jdbc.sql("select id from contact_methods where user_id = ? and kind = 'email'")
            .param(alice)
            .query(Long.class)
            .single();
    // "SMS at once, call after 2 minutes, email after 5", for high urgency only.
    onCall.addNotificationRule(team.accountId(), alice, "high", phone, "sms", 0);
    onCall.addNotificationRule(team.accountId(), alice, "high", phone, "voice", 2);
    onCall.addNotificationRule(team.accountId(), alice, "high", email, "email", 5);
    onCall.addNotificationRule(team.accountId(), alice, "low", email, "email", 0);
    long checkout = team.service("Checkout", 0, level(Duration.ofMinutes(30), alice));

    Triggered triggered = temporal.trigger(team.key(checkout, "disk-full"), "Disk full on db-1");
    Incident incident = records.awaitIncident(team.accountId(), 1, i -> true);
    Instant opened = escalatedAt(incident, 1);

    assertThat(inbox.awaitMessages(team.accountId(), 1))
        .extracting(Message::channel)
        .containsExactly("sms");
    temporal.sleepUntil(opened.plus(Duration.ofMinutes(2)).minusSeconds(2));
    assertThat(inbox.messages(team.accountId())).hasSize(1);

    temporal.sleepUntil(opened.plus(Duration.ofMinutes(2)).plusSeconds(1));
    List<Message> afterCall = inbox.awaitMessages(team.accountId(), 2);
    assertThat(afterCall).extracting(Message::channel).containsExactly("sms", "voice");
    assertThat(afterCall.get(1).body()).startsWith("This is Vigil. Incident 1, high urgency");

    temporal.incident(triggered.run()).acknowledge(new Responder(alice, "Alice", "REST API"));
    records.awaitIncident(team.accountId(), 1, i -> i.status().equals("acknowledged"));
    temporal.sleep(Duration.ofMinutes(30));

    // The email due at 5 minutes was cancelled by the acknowledgement.
    assertThat(inbox.messages(team.accountId()))
        .extracting(Message::channel)
        .containsExactly("sms", "voice");
  }

  @Test
  void anAcknowledgementThatTimesOutTriggersTheIncidentAgainFromTheFirstLevel() {
    long alice = team.user("Alice");
    long checkout = team.service("Checkout", 0, level(FIVE_MINUTES, alice));
    onCall.setServiceTimeouts(team.accountId(), checkout, 30 * 60, null);

    Triggered triggered = temporal.trigger(team.key(checkout, "disk-full"), "Disk full on db-1");
    inbox.awaitMessages(team.accountId(), 2);
    temporal.incident(triggered.run()).acknowledge(new Responder(alice, "Alice", "REST API"));
    Incident acknowledged =
        records.awaitIncident(team.accountId(), 1, i -> i.status().equals("acknowledged"));

    temporal.sleepUntil(acknowledged.acknowledgedAt().plus(Duration.ofMinutes(30)).minusSeconds(5));
    assertThat(records.incident(team.accountId(), 1).status()).isEqualTo("acknowledged");
    assertThat(inbox.messages(team.accountId())).hasSize(2);

    temporal.sleepUntil(acknowledged.acknowledgedAt().plus(Duration.ofMinutes(30)).plusSeconds(5));
    // Alice is paged again, as when it first triggered.
    assertThat(inbox.awaitMessages(team.accountId(), 4))
        .extracting(Message::recipient)
        .containsExactlyInAnyOrder(
            team.phone(alice), team.email(alice), team.phone(alice), team.email(alice));
    Incident retriggered = records.incident(team.accountId(), 1);
    assertThat(retriggered.status()).isEqualTo("triggered");
    assertThat(retriggered.acknowledgedAt()).isNull();
    assertThat(records.timeline(team.accountId(), retriggered.id()))
        .extracting(Entry::kind, Entry::message)
        .contains(tuple("retriggered", "Re-triggered by Vigil via acknowledgement timeout"));
    WorkflowHistories.recordIfEnabled(
        temporal.client(), triggered.run(), "acknowledgement-timed-out");
  }

  @Test
  void anIncidentQuietForTheAutoResolveTimeoutResolvesItself() {
    long alice = team.user("Alice");
    long checkout = team.service("Checkout", 0, level(FIVE_MINUTES, alice));
    onCall.setServiceTimeouts(team.accountId(), checkout, null, 60 * 60);
    IncidentKey key = team.key(checkout, "disk-full");

    Triggered first = temporal.trigger(key, "Disk full on db-1");
    Incident opened = records.awaitIncident(team.accountId(), 1, i -> true);
    temporal.sleepUntil(opened.createdAt().plus(Duration.ofMinutes(40)));
    // A new alert starts the quiet time again.
    temporal.trigger(key, "Disk still full on db-1");
    records.awaitIncident(team.accountId(), 1, i -> i.alertCount() == 2);
    temporal.sleepUntil(opened.createdAt().plus(Duration.ofMinutes(70)));
    assertThat(records.incident(team.accountId(), 1).status()).isEqualTo("triggered");

    temporal.sleepUntil(opened.createdAt().plus(Duration.ofMinutes(101)));
    Incident resolved =
        records.awaitIncident(team.accountId(), 1, i -> i.status().equals("resolved"));
    assertThat(records.timeline(team.accountId(), resolved.id()))
        .extracting(Entry::message)
        .contains("Resolved by Vigil via auto-resolve");
    assertThat(temporal.untyped(first.run()).getResult(IncidentOutcome.class).status())
        .isEqualTo(IncidentStatus.RESOLVED);
    WorkflowHistories.recordIfEnabled(
        temporal.client(), first.run(), "auto-resolved-with-joined-alerts");
  }

  @Test
  void aScheduleTargetPagesWhoeverIsOnCallWhenTheLevelFires() {
    long alice = team.user("Alice");
    long bob = team.user("Bob");
    long carol = team.user("Carol");
    Instant now = temporal.now();
    // Hourly turns in UTC: Alice until ten minutes from now, then Bob.
    long primary = onCall.createSchedule(team.accountId(), "Primary", "UTC");
    onCall.addLayer(
        team.accountId(),
        primary,
        0,
        "Hourly",
        now.minus(Duration.ofDays(1)),
        LocalDateTime.ofInstant(now.plus(Duration.ofMinutes(10)), ZoneOffset.UTC),
        1,
        "hours",
        List.of(bob, alice));
    // An override gives Carol the second half of Bob's first turn.
    onCall.addOverride(
        team.accountId(),
        primary,
        carol,
        now.plus(Duration.ofMinutes(40)),
        now.plus(Duration.ofMinutes(70)));
    long policy =
        onCall.createPolicy(
            team.accountId(),
            "Follow the schedule",
            0,
            List.of(
                new OnCallSetup.LevelSpec(15 * 60, List.of(), List.of(primary)),
                new OnCallSetup.LevelSpec(30 * 60, List.of(), List.of(primary)),
                new OnCallSetup.LevelSpec(15 * 60, List.of(), List.of(primary))));
    long checkout = onCall.createService(team.accountId(), "Checkout", policy, "high");

    temporal.trigger(team.key(checkout, "disk-full"), "Disk full on db-1");

    // Level 1 fires now: Alice's turn.
    assertThat(inbox.awaitMessages(team.accountId(), 2))
        .extracting(Message::recipient)
        .containsOnly(team.phone(alice), team.email(alice));
    Incident incident = records.incident(team.accountId(), 1);
    assertThat(records.timeline(team.accountId(), incident.id()))
        .extracting(Entry::message)
        .anyMatch(m -> m.contains("Alice (on call for \"Primary\")"));

    // Level 2 fires 15 minutes later, after the hand-off: Bob is paged, not Alice again.
    temporal.sleep(Duration.ofMinutes(16));
    List<Message> levelTwo = inbox.awaitMessages(team.accountId(), 4).subList(2, 4);
    assertThat(levelTwo)
        .extracting(Message::recipient)
        .containsOnly(team.phone(bob), team.email(bob));

    // Level 3 fires at 45 minutes, inside Carol's override.
    temporal.sleep(Duration.ofMinutes(30));
    List<Message> levelThree = inbox.awaitMessages(team.accountId(), 6).subList(4, 6);
    assertThat(levelThree)
        .extracting(Message::recipient)
        .containsOnly(team.phone(carol), team.email(carol));
    assertThat(records.assignees(team.accountId(), incident.id())).containsExactly("Carol");
  }

  @Test
  void acknowledgeSignalStopsFurtherPages() {
    long alice = team.user("Alice");
    long bob = team.user("Bob");
    long checkout =
        team.service("Checkout", 2, level(FIVE_MINUTES, alice), level(FIVE_MINUTES, bob));

    Triggered triggered = temporal.trigger(team.key(checkout, "disk-full"), "Disk full on db-1");
    inbox.awaitMessages(team.accountId(), 2);
    IncidentWorkflow workflow = temporal.incident(triggered.run());
    workflow.acknowledge(new Responder(alice, "Alice", "Events API"));

    // A signal answers nothing: wait for the record, which the workflow writes before paging again.
    Incident acknowledged =
        records.awaitIncident(team.accountId(), 1, i -> i.status().equals("acknowledged"));

    // Far beyond every level of every pass (3 x 10 minutes): no one else is paged.
    temporal.sleep(Duration.ofHours(2));
    assertThat(inbox.messages(team.accountId()))
        .extracting(Message::recipient)
        .containsExactlyInAnyOrder(team.phone(alice), team.email(alice));
    Incident incident = records.incident(team.accountId(), 1);
    assertThat(incident.status()).isEqualTo("acknowledged");
    assertThat(incident.acknowledgedAt()).isEqualTo(acknowledged.acknowledgedAt()).isNotNull();
    assertThat(incident.resolvedAt()).isNull();
    assertThat(records.timeline(team.accountId(), incident.id()))
        .extracting(Entry::kind, Entry::message)
        .contains(tuple("acknowledged", "Acknowledged by Alice via Events API"))
        .doesNotContain(
            tuple(
                "escalation_exhausted",
                "Escalation policy \"Checkout policy\" exhausted; still triggered"));
    assertThat(records.timeline(team.accountId(), incident.id()))
        .filteredOn(e -> e.kind().equals("escalated"))
        .hasSize(1);
    assertThat(workflow.state().status()).isEqualTo(IncidentStatus.ACKNOWLEDGED);
  }

  @Test
  void acknowledgeNowUpdateStopsPagingAndAnswersOnceRecorded() {
    long alice = team.user("Alice");
    long bob = team.user("Bob");
    long checkout =
        team.service("Checkout", 2, level(FIVE_MINUTES, alice), level(FIVE_MINUTES, bob));

    Triggered triggered = temporal.trigger(team.key(checkout, "disk-full"), "Disk full on db-1");
    inbox.awaitMessages(team.accountId(), 2);
    temporal.sleep(FIVE_MINUTES.plusSeconds(1));
    inbox.awaitMessages(team.accountId(), 4);

    IncidentWorkflow workflow = temporal.incident(triggered.run());
    IncidentState state = workflow.acknowledgeNow(new Responder(bob, "Bob", "REST API"));

    assertThat(state).isEqualTo(new IncidentState(1L, IncidentStatus.ACKNOWLEDGED, 1, 2, 1));
    // The update answers once the change is on the record: a read right after sees it.
    Incident incident = records.incident(team.accountId(), 1);
    assertThat(incident.status()).isEqualTo("acknowledged");
    assertThat(incident.acknowledgedAt()).isNotNull();

    temporal.sleep(Duration.ofHours(2));
    assertThat(inbox.messages(team.accountId()))
        .extracting(Message::recipient)
        .containsExactly(team.email(alice), team.phone(alice), team.email(bob), team.phone(bob));
    assertThat(records.assignees(team.accountId(), incident.id())).containsExactly("Bob");

    IncidentState resolved = workflow.resolveNow(new Responder(bob, "Bob", "REST API"));
    assertThat(resolved.status()).isEqualTo(IncidentStatus.RESOLVED);
    assertThat(result(triggered.run()).status()).isEqualTo(IncidentStatus.RESOLVED);
    assertThat(records.timeline(team.accountId(), incident.id()))
        .extracting(Entry::kind)
        .containsExactly(
            "triggered",
            "escalated",
            "notified",
            "notified",
            "escalated",
            "notified",
            "notified",
            "acknowledged",
            "resolved");
    WorkflowHistories.recordIfEnabled(
        temporal.client(), triggered.run(), "acknowledged-then-resolved");
  }

  @Test
  void resolveSignalCompletesTheWorkflowAndResolvesTheIncident() {
    long alice = team.user("Alice");
    long checkout = team.service("Checkout", 0, level(FIVE_MINUTES, alice));

    Triggered triggered = temporal.trigger(team.key(checkout, "disk-full"), "Disk full on db-1");
    inbox.awaitMessages(team.accountId(), 2);
    temporal.incident(triggered.run()).resolve(Responder.integration("Test monitor"));

    IncidentOutcome outcome = result(triggered.run());
    Incident incident = records.incident(team.accountId(), 1);
    assertThat(outcome)
        .isEqualTo(new IncidentOutcome(incident.id(), 1, IncidentStatus.RESOLVED, 1));
    assertThat(incident.status()).isEqualTo("resolved");
    assertThat(incident.resolvedAt()).isNotNull().isAfterOrEqualTo(incident.createdAt());
    assertThat(incident.acknowledgedAt()).isNull();
    List<Entry> timeline = records.timeline(team.accountId(), incident.id());
    assertThat(timeline.get(timeline.size() - 1))
        .extracting(Entry::kind, Entry::message)
        .containsExactly("resolved", "Resolved by Test monitor via Events API");
    assertThat(inbox.messages(team.accountId())).hasSize(2);
  }

  @Test
  void duplicateTriggersWhileOpenJoinTheOpenIncident() {
    long alice = team.user("Alice");
    long checkout = team.service("Checkout", 0, level(FIVE_MINUTES, alice));
    IncidentKey key = team.key(checkout, "disk-full");

    Triggered first = temporal.trigger(key, "Disk 91% on db-1");
    inbox.awaitMessages(team.accountId(), 2);
    Triggered second = temporal.trigger(key, "Disk 95% on db-1");
    Triggered third = temporal.trigger(key, "Disk 99% on db-1");

    assertThat(List.of(second.runId(), third.runId())).containsOnly(first.runId());
    Incident incident = records.awaitIncident(team.accountId(), 1, i -> i.alertCount() == 3);
    assertThat(records.incidents(team.accountId())).hasSize(1);
    assertThat(incident.title()).isEqualTo("Disk 91% on db-1");
    assertThat(records.alertIds(team.accountId(), incident.id()))
        .containsExactly(first.alertId(), second.alertId(), third.alertId());
    // Duplicates are grouped, not paged again.
    assertThat(inbox.messages(team.accountId())).hasSize(2);
    // The duplicates joined in PostgreSQL: the workflow heard only the trigger that opened it.
    assertThat(temporal.incident(first.run()).state().alertCount()).isEqualTo(1);
    assertThat(temporal.history(first.run()).getEvents())
        .filteredOn(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED)
        .hasSize(1);
    WorkflowHistories.recordIfEnabled(
        temporal.client(), first.run(), "duplicates-joined-first-level-assigned-on-open");
  }

  @Test
  void concurrentTriggersForOneKeyOpenOneIncident() throws Exception {
    long alice = team.user("Alice");
    long checkout = team.service("Checkout", 0, level(FIVE_MINUTES, alice));
    IncidentKey key = team.key(checkout, "disk-full");
    int senders = 8;

    // Eight monitors report the same problem at the same moment, none knowing of the others.
    ExecutorService pool = Executors.newFixedThreadPool(senders);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Triggered>> calls = new ArrayList<>();
      for (int i = 0; i < senders; i++) {
        String summary = "Disk full on db-1 (monitor " + i + ")";
        calls.add(
            pool.submit(
                () -> {
                  go.await();
                  return temporal.trigger(key, summary);
                }));
      }
      go.countDown();
      List<Triggered> triggered = new ArrayList<>();
      for (Future<Triggered> call : calls) {
        triggered.add(call.get(WAIT.toSeconds(), TimeUnit.SECONDS));
      }

      assertThat(triggered).extracting(Triggered::runId).containsOnly(triggered.get(0).runId());
      Incident incident =
          records.awaitIncident(team.accountId(), 1, i -> i.alertCount() == senders);
      assertThat(records.incidents(team.accountId())).hasSize(1);
      assertThat(records.alertIds(team.accountId(), incident.id()))
          .containsExactlyInAnyOrderElementsOf(triggered.stream().map(Triggered::alertId).toList());
      assertThat(inbox.awaitMessages(team.accountId(), 2)).hasSize(2);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void triggerAfterTheIncidentWasResolvedOpensTheNextIncident() {
    long alice = team.user("Alice");
    long checkout = team.service("Checkout", 0, level(FIVE_MINUTES, alice));
    IncidentKey key = team.key(checkout, "disk-full");

    Triggered first = temporal.trigger(key, "Disk full on db-1");
    inbox.awaitMessages(team.accountId(), 2);
    temporal.incident(first.run()).resolveNow(new Responder(alice, "Alice", "REST API"));
    assertThat(result(first.run()).status()).isEqualTo(IncidentStatus.RESOLVED);
    // A minute later, so Alice's SMS budget (1 per minute) lets the next incident's page out.
    temporal.sleep(Duration.ofMinutes(1));

    Triggered again = temporal.trigger(key, "Disk full on db-1 again");

    assertThat(again.runId()).isNotEqualTo(first.runId());
    Incident next = records.awaitIncident(team.accountId(), 2, i -> true);
    assertThat(next.dedupKey()).isEqualTo("disk-full");
    assertThat(next.runId()).isEqualTo(again.runId());
    assertThat(next.status()).isEqualTo("triggered");
    assertThat(records.incident(team.accountId(), 1).status()).isEqualTo("resolved");
    assertThat(inbox.awaitMessages(team.accountId(), 4).subList(2, 4))
        .extracting(Message::incidentNumber, Message::recipient)
        .containsExactlyInAnyOrder(tuple(2L, team.phone(alice)), tuple(2L, team.email(alice)));
  }

  @Test
  void triggerWhileTheResolutionIsBeingRecordedOpensTheNextIncident() throws Exception {
    long alice = team.user("Alice");
    long checkout = team.service("Checkout", 0, level(FIVE_MINUTES, alice));
    IncidentKey key = team.key(checkout, "disk-full");

    Triggered first = temporal.trigger(key, "Disk full on db-1");
    inbox.awaitMessages(team.accountId(), 2);
    Incident one = records.incident(team.accountId(), 1);
    // The next incident comes a minute later, so Alice's SMS budget (1 per minute) lets its page
    // out.
    temporal.sleep(Duration.ofMinutes(1));

    // While the incident row is locked the resolution cannot be recorded, and a trigger cannot
    // join the incident either: it waits for the row, finds the incident resolved, and opens the
    // next one (by the resolving run continuing as new, or by a new run). It never vanishes.
    ExecutorService sender = Executors.newSingleThreadExecutor();
    Future<Triggered> again;
    try {
      Future<Triggered>[] pending = new Future[1];
      records.whileRowLocked(
          one.id(),
          () -> {
            temporal.incident(first.run()).resolve(Responder.integration("Test monitor"));
            await()
                .atMost(WAIT)
                .until(
                    () ->
                        temporal.incident(first.run()).state().status() == IncidentStatus.RESOLVED);
            pending[0] = sender.submit(() -> temporal.trigger(key, "Disk full on db-1 again"));
            try {
              Thread.sleep(300); // the trigger reaches the lock
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
      again = pending[0];
    } finally {
      sender.shutdown();
    }
    Triggered next = again.get(WAIT.toSeconds(), TimeUnit.SECONDS);

    Incident opened = records.awaitIncident(team.accountId(), 2, i -> true);
    assertThat(opened.title()).isEqualTo("Disk full on db-1 again");
    assertThat(records.alertIds(team.accountId(), opened.id())).containsExactly(next.alertId());
    Incident resolved = records.incident(team.accountId(), 1);
    assertThat(resolved.status()).isEqualTo("resolved");
    assertThat(records.alertIds(team.accountId(), resolved.id())).containsExactly(first.alertId());
    assertThat(inbox.awaitMessages(team.accountId(), 4).subList(2, 4))
        .extracting(Message::incidentNumber, Message::recipient)
        .containsExactlyInAnyOrder(tuple(2L, team.phone(alice)), tuple(2L, team.email(alice)));

    WorkflowExecution nextRun =
        WorkflowExecution.newBuilder()
            .setWorkflowId(first.run().getWorkflowId())
            .setRunId(opened.runId())
            .build();
    temporal.incident(nextRun).resolveNow(new Responder(alice, "Alice", "REST API"));
    assertThat(result(nextRun))
        .extracting(IncidentOutcome::number, IncidentOutcome::status)
        .containsExactly(2L, IncidentStatus.RESOLVED);
  }

  @Test
  void resolveNowOnAResolvedIncidentIsRefusedAndChangesNothing() {
    long alice = team.user("Alice");
    long checkout = team.service("Checkout", 0, level(FIVE_MINUTES, alice));

    Triggered triggered = temporal.trigger(team.key(checkout, "disk-full"), "Disk full on db-1");
    inbox.awaitMessages(team.accountId(), 2);
    Incident incident = records.incident(team.accountId(), 1);
    IncidentWorkflow workflow = temporal.incident(triggered.run());

    // Updates only reach a resolved incident while its run is still open: hold it there by making
    // the resolution wait on the incident's row lock.
    records.whileRowLocked(
        incident.id(),
        () -> {
          workflow.resolve(Responder.integration("Test monitor"));
          await().atMost(WAIT).until(() -> workflow.state().status() == IncidentStatus.RESOLVED);

          Responder alicesClick = new Responder(alice, "Alice", "REST API");
          assertThatThrownBy(() -> workflow.resolveNow(alicesClick))
              .isInstanceOf(WorkflowUpdateException.class)
              .rootCause()
              .hasMessageContaining("incident is already resolved");
          assertThatThrownBy(() -> workflow.acknowledgeNow(alicesClick))
              .isInstanceOf(WorkflowUpdateException.class)
              .rootCause()
              .hasMessageContaining("incident is already resolved");
        });

    assertThat(result(triggered.run()).status()).isEqualTo(IncidentStatus.RESOLVED);
    Incident after = records.incident(team.accountId(), 1);
    assertThat(after.status()).isEqualTo("resolved");
    assertThat(after.acknowledgedAt()).isNull();
    assertThat(records.timeline(team.accountId(), incident.id()))
        .filteredOn(e -> e.kind().equals("resolved") || e.kind().equals("acknowledged"))
        .extracting(Entry::message)
        .containsExactly("Resolved by Test monitor via Events API");
  }

  @Test
  void incidentNumbersArePerAccount(TestInfo test) {
    TestTeam other =
        TestTeam.create(onCall, test.getTestMethod().orElseThrow().getName() + " other");
    long alice = team.user("Alice");
    long olga = other.user("Olga");
    long checkout = team.service("Checkout", 0, level(FIVE_MINUTES, alice));
    long billing = other.service("Billing", 0, level(FIVE_MINUTES, olga));

    Triggered ours = temporal.trigger(team.key(checkout, "disk-full"), "Disk full on db-1");
    Triggered theirs = temporal.trigger(other.key(billing, "disk-full"), "Disk full on db-9");

    // Each account counts its own incidents: both start at #1.
    assertThat(inbox.awaitMessages(team.accountId(), 2))
        .extracting(Message::incidentNumber)
        .containsOnly(1L);
    assertThat(inbox.awaitMessages(other.accountId(), 2))
        .extracting(Message::incidentNumber)
        .containsOnly(1L);
    assertThat(temporal.incident(ours.run()).state().number()).isEqualTo(1L);
    assertThat(temporal.incident(theirs.run()).state().number()).isEqualTo(1L);

    // The next incident of one account is its #2; the other account is unaffected. It comes a
    // minute later, so Alice's SMS budget (1 per minute) lets its page out.
    temporal.sleep(Duration.ofMinutes(1));
    temporal.trigger(team.key(checkout, "cpu-hot"), "CPU hot on web-3");
    assertThat(inbox.awaitMessages(team.accountId(), 4).subList(2, 4))
        .extracting(Message::incidentNumber)
        .containsOnly(2L);
    assertThat(records.incidents(team.accountId()))
        .extracting(Incident::number, Incident::dedupKey)
        .containsExactly(tuple(1L, "disk-full"), tuple(2L, "cpu-hot"));
    assertThat(records.incidents(other.accountId()))
        .extracting(Incident::number)
        .containsExactly(1L);
  }

  private IncidentOutcome result(WorkflowExecution run) {
    try {
      return temporal
          .untyped(run)
          .getResult(WAIT.toSeconds(), TimeUnit.SECONDS, IncidentOutcome.class);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("incident run " + run.getRunId() + " did not complete", e);
    }
  }

  /** When the level was recorded as fired; the record follows the workflow by a moment. */
  private Instant escalatedAt(Incident incident, int level) {
    String prefix = "Escalation level " + level + " ";
    return await("level " + level + " fired")
        .atMost(WAIT)
        .until(
            () ->
                records.timeline(team.accountId(), incident.id()).stream()
                    .filter(e -> e.kind().equals("escalated") && e.message().startsWith(prefix))
                    .findFirst(),
            java.util.Optional::isPresent)
        .orElseThrow()
        .at();
  }

  private List<Entry> awaitTimeline(
      Incident incident, java.util.function.Predicate<List<Entry>> condition) {
    return await("timeline of incident " + incident.id())
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> records.timeline(team.accountId(), incident.id()), condition::test);
  }

  private static String lastKind(List<Entry> entries) {
    return entries.isEmpty() ? "" : entries.get(entries.size() - 1).kind();
  }
}
