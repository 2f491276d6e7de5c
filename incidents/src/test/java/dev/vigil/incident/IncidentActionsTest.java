package dev.vigil.incident;

import static dev.vigil.testsupport.TestTeam.level;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.vigil.escalation.EscalationTarget;
import dev.vigil.escalation.PolicySnapshot;
import dev.vigil.escalation.assignment.PolicySnapshots;
import dev.vigil.incident.record.AlertResolutions;
import dev.vigil.incident.record.AlertStore;
import dev.vigil.incident.record.IncidentEvents;
import dev.vigil.incident.record.IncidentEvents.Triggered;
import dev.vigil.incident.record.PagingFence;
import dev.vigil.search.SearchAttributeRegistration;
import dev.vigil.testsupport.DevInbox.Message;
import dev.vigil.testsupport.IncidentRecords.Entry;
import dev.vigil.testsupport.IncidentRecords.Incident;
import dev.vigil.testsupport.IncidentWorkflowTestBase;
import dev.vigil.testsupport.WorkflowHistories;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A responder's actions on a running incident (notes, priority, snooze, escalate now, reassign), on
 * the time-skipping test server with the real activities on a real PostgreSQL. Pages are read from
 * the dev inbox by email: a person's SMS budget (one a minute) would hold the SMS of pages that
 * follow each other closely, and that is not what these tests are about.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class IncidentActionsTest extends IncidentWorkflowTestBase {

  private static final Duration THIRTY_MINUTES = Duration.ofMinutes(30);
  private static final Duration WAIT = Duration.ofSeconds(15);

  @Autowired PolicySnapshots policies;
  @Autowired AlertStore alertStore;
  @Autowired PagingFence fence;
  @Autowired AlertResolutions resolutions;

  @Test
  void aNoteAndAPriorityGoOnTheTimelineNamingWhoActedAndHow() {
    long alice = team.user("Alice");
    long checkout = team.service("Checkout", 0, level(THIRTY_MINUTES, alice));
    Triggered triggered = temporal.trigger(team.key(checkout, "disk-full"), "Disk full on db-1");
    IncidentWorkflow workflow = temporal.incident(triggered.run());
    Incident incident = records.awaitIncident(team.accountId(), 1, i -> true);
    Responder byAlice = new Responder(alice, "Alice", "REST API");

    IncidentState afterNote =
        workflow.addNote(new AddNote("Rotated the logs; watching disk usage.", byAlice));
    workflow.setPriority(new SetPriority("P2", byAlice));

    // Answered once recorded: read right after, the record shows both.
    assertThat(afterNote.status()).isEqualTo(IncidentStatus.TRIGGERED);
    assertThat(priority(incident)).isEqualTo("P2");
    assertThat(actorEntries(incident))
        .containsExactly(
            tuple("note", "Rotated the logs; watching disk usage.", alice, "Alice", "REST API"),
            tuple(
                "priority_changed",
                "Priority set to P2 by Alice via REST API",
                alice,
                "Alice",
                "REST API"));

    workflow.setPriority(new SetPriority(null, Responder.integration("Ops bot")));
    assertThat(priority(incident)).isNull();
    assertThat(records.timeline(team.accountId(), incident.id()))
        .extracting(Entry::message)
        .contains("Priority cleared by Ops bot via Events API");

    // Bad input is refused by the validator: nothing on the record, nothing in the history.
    int entries = records.timeline(team.accountId(), incident.id()).size();
    assertThat(refusal(() -> workflow.addNote(new AddNote("  ", byAlice))))
        .isEqualTo("'content' is required");
    assertThat(refusal(() -> workflow.addNote(new AddNote("x".repeat(4_001), byAlice))))
        .isEqualTo("'content' must be at most 4000 characters");
    assertThat(refusal(() -> workflow.setPriority(new SetPriority("P9", byAlice))))
        .isEqualTo("'priority' must be one of P1, P2, P3, P4, P5 or null");
    workflow.addNote(new AddNote("x".repeat(4_000), byAlice));
    assertThat(records.timeline(team.accountId(), incident.id())).hasSize(entries + 1);
    assertThat(priority(incident)).isNull();
    assertThat(acceptedUpdates(triggered.run()))
        .containsExactly("addNote", "setPriority", "setPriority", "addNote");

    workflow.resolve(Responder.integration("Test monitor"));
    WorkflowHistories.recordIfEnabled(temporal.client(), triggered.run(), "note-and-priority");
  }

  @Test
  void aSnoozedIncidentTriggersAgainWhenTheSnoozeEndsAndPagesFromTheFirstLevel() {
    long alice = team.user("Alice");
    long bob = team.user("Bob");
    long checkout =
        team.service("Checkout", 0, level(THIRTY_MINUTES, alice), level(THIRTY_MINUTES, bob));
    Triggered triggered = temporal.trigger(team.key(checkout, "disk-full"), "Disk full on db-1");
    IncidentWorkflow workflow = temporal.incident(triggered.run());
    inbox.awaitMessages(team.accountId(), 2); // Alice's SMS and email
    assertThat(emails(1)).containsExactly(team.email(alice));
    Responder byAlice = new Responder(alice, "Alice", "REST API");

    // Only an acknowledged incident snoozes; the validator refuses the rest.
    assertThat(refusal(() -> workflow.snooze(new Snooze(60, byAlice))))
        .isEqualTo("only an acknowledged incident can be snoozed; this one is triggered");
    workflow.acknowledgeNow(byAlice);
    String outOfRange = "'duration_minutes' must be between 1 and 10080 (7 days)";
    assertThat(refusal(() -> workflow.snooze(new Snooze(0, byAlice)))).isEqualTo(outOfRange);
    assertThat(refusal(() -> workflow.snooze(new Snooze(7 * 24 * 60 + 1, byAlice))))
        .isEqualTo(outOfRange);

    Instant snoozedAt = temporal.now();
    workflow.snooze(new Snooze(90, byAlice));
    Incident incident = records.incident(team.accountId(), 1);
    Instant until = snoozedUntil(incident);
    assertThat(Duration.between(snoozedAt, until))
        .isBetween(Duration.ofMinutes(90), Duration.ofMinutes(90).plusSeconds(5));
    assertThat(records.timeline(team.accountId(), incident.id()))
        .extracting(Entry::kind, Entry::message)
        .contains(
            tuple(
                "snoozed",
                "Snoozed for 1 hour 30 minutes (until " + until + ") by Alice via REST API"));

    temporal.sleepUntil(until.minusSeconds(5));
    assertThat(records.incident(team.accountId(), 1).status()).isEqualTo("acknowledged");
    assertThat(inbox.messages(team.accountId())).hasSize(2);

    // At its end: triggered again, and Alice (level 1), not Bob, is paged.
    temporal.sleepUntil(until.plusSeconds(5));
    assertThat(emails(2)).containsExactly(team.email(alice), team.email(alice));
    Incident retriggered = records.incident(team.accountId(), 1);
    assertThat(retriggered.status()).isEqualTo("triggered");
    assertThat(snoozedUntil(retriggered)).isNull();
    assertThat(records.timeline(team.accountId(), incident.id()))
        .extracting(Entry::message)
        .contains("Re-triggered by Vigil via end of snooze");
    assertThat(acceptedUpdates(triggered.run())).containsExactly("acknowledgeNow", "snooze");

    // The decision record 0021 still holds: acknowledged again, nobody else is paged.
    workflow.acknowledgeNow(byAlice);
    temporal.sleep(Duration.ofHours(2));
    assertThat(emails(2)).containsExactly(team.email(alice), team.email(alice));
    workflow.resolveNow(byAlice);
    WorkflowHistories.recordIfEnabled(
        temporal.client(), triggered.run(), "snoozed-then-retriggered");
  }

  @Test
  void acknowledgingASnoozedIncidentAgainEndsTheSnoozeAndNothingIsPagedAfterIt() {
    long alice = team.user("Alice");
    long checkout = team.service("Checkout", 0, level(THIRTY_MINUTES, alice));
    Triggered triggered = temporal.trigger(team.key(checkout, "disk-full"), "Disk full on db-1");
    IncidentWorkflow workflow = temporal.incident(triggered.run());
    inbox.awaitMessages(team.accountId(), 2); // Alice's SMS and email
    Responder byAlice = new Responder(alice, "Alice", "REST API");
    workflow.acknowledgeNow(byAlice);
    workflow.snooze(new Snooze(60, byAlice));

    temporal.sleep(Duration.ofMinutes(10));
    workflow.acknowledge(Responder.integration("Test monitor"));
    Incident incident =
        await()
            .atMost(WAIT)
            .until(() -> records.incident(team.accountId(), 1), i -> snoozedUntil(i) == null);
    assertThat(incident.status()).isEqualTo("acknowledged");

    // Where the snooze would have ended, and long after: no page.
    temporal.sleep(Duration.ofHours(3));
    assertThat(inbox.messages(team.accountId())).hasSize(2);
    assertThat(records.timeline(team.accountId(), incident.id()))
        .extracting(Entry::kind)
        .containsSubsequence("acknowledged", "snoozed", "acknowledged")
        .doesNotContain("retriggered");
  }

  @Test
  void aSnoozeOutlastsTheAcknowledgementTimeoutItReplaces() {
    long alice = team.user("Alice");
    long checkout = team.service("Checkout", 0, level(THIRTY_MINUTES, alice));
    onCall.setServiceTimeouts(team.accountId(), checkout, 30 * 60, null);
    Triggered triggered = temporal.trigger(team.key(checkout, "disk-full"), "Disk full on db-1");
    IncidentWorkflow workflow = temporal.incident(triggered.run());
    inbox.awaitMessages(team.accountId(), 2); // Alice's SMS and email
    Responder byAlice = new Responder(alice, "Alice", "REST API");
    workflow.acknowledgeNow(byAlice);
    workflow.snooze(new Snooze(120, byAlice));
    Instant until = snoozedUntil(records.incident(team.accountId(), 1));

    temporal.sleepUntil(until.minusSeconds(5));
    assertThat(records.incident(team.accountId(), 1).status()).isEqualTo("acknowledged");
    assertThat(inbox.messages(team.accountId())).hasSize(2);
    temporal.sleepUntil(until.plusSeconds(5));
    assertThat(emails(2)).containsExactly(team.email(alice), team.email(alice));
  }

  @Test
  void escalatingNowPagesTheNextLevelAtOnceAndTheWalkGoesOnFromThere() {
    long alice = team.user("Alice");
    long bob = team.user("Bob");
    long carol = team.user("Carol");
    long checkout =
        team.service(
            "Checkout",
            0,
            level(THIRTY_MINUTES, alice),
            level(THIRTY_MINUTES, bob),
            level(THIRTY_MINUTES, carol));
    Triggered triggered = temporal.trigger(team.key(checkout, "disk-full"), "Disk full on db-1");
    IncidentWorkflow workflow = temporal.incident(triggered.run());
    inbox.awaitMessages(team.accountId(), 2); // Alice's SMS and email
    Responder byAlice = new Responder(alice, "Alice", "REST API");

    assertThat(refusal(() -> workflow.escalateNow(new EscalateNow(4, byAlice))))
        .isEqualTo("'level' must be between 1 and 3");
    assertThat(refusal(() -> workflow.escalateNow(new EscalateNow(0, byAlice))))
        .isEqualTo("'level' must be between 1 and 3");

    temporal.sleep(Duration.ofMinutes(5));
    Instant escalated = temporal.now();
    workflow.escalateNow(new EscalateNow(null, byAlice));
    List<Message> bobs = inbox.awaitMessages(team.accountId(), 4).subList(2, 4);
    assertThat(bobs)
        .extracting(Message::recipient)
        .containsExactlyInAnyOrder(team.email(bob), team.phone(bob));
    assertThat(bobs)
        .allSatisfy(m -> assertThat(m.pagedAt()).isBetween(escalated, escalated.plusSeconds(5)));
    Incident incident = records.incident(team.accountId(), 1);
    assertThat(records.assignees(team.accountId(), incident.id())).containsExactly("Bob");
    assertThat(records.timeline(team.accountId(), incident.id()))
        .extracting(Entry::kind, Entry::message)
        .containsSubsequence(
            tuple("escalated_by_hand", "Escalated to level 2 by Alice via REST API"),
            tuple("escalated", "Escalation level 2 (pass 1) assigned to Bob"));

    // Level 2's delay counts from the escalation: Carol is paged 30 minutes after it, not before.
    temporal.sleepUntil(escalated.plus(THIRTY_MINUTES).minusSeconds(5));
    assertThat(inbox.messages(team.accountId())).hasSize(4);
    temporal.sleepUntil(escalated.plus(THIRTY_MINUTES).plusSeconds(5));
    assertThat(emails(3)).containsExactly(team.email(alice), team.email(bob), team.email(carol));
    workflow.resolveNow(byAlice);
    WorkflowHistories.recordIfEnabled(temporal.client(), triggered.run(), "escalated-by-hand");
  }

  @Test
  void escalatingAnAcknowledgedIncidentToALevelTriggersItAndAnAcknowledgementStillStopsIt() {
    long alice = team.user("Alice");
    long bob = team.user("Bob");
    long carol = team.user("Carol");
    long checkout =
        team.service(
            "Checkout",
            1,
            level(THIRTY_MINUTES, alice),
            level(THIRTY_MINUTES, bob),
            level(THIRTY_MINUTES, carol));
    Triggered triggered = temporal.trigger(team.key(checkout, "disk-full"), "Disk full on db-1");
    IncidentWorkflow workflow = temporal.incident(triggered.run());
    inbox.awaitMessages(team.accountId(), 2); // Alice's SMS and email
    Responder byAlice = new Responder(alice, "Alice", "REST API");
    workflow.acknowledgeNow(byAlice);

    workflow.escalateNow(new EscalateNow(3, byAlice));
    assertThat(emails(2)).containsExactly(team.email(alice), team.email(carol));
    Incident incident = records.incident(team.accountId(), 1);
    assertThat(incident.status()).isEqualTo("triggered");
    assertThat(records.timeline(team.accountId(), incident.id()))
        .extracting(Entry::message)
        .contains(
            "Re-triggered by Alice via REST API", "Escalated to level 3 by Alice via REST API");

    // Carol acknowledges: the policy's second pass (Alice, 30 minutes later) never pages.
    workflow.acknowledgeNow(new Responder(carol, "Carol", "REST API"));
    temporal.sleep(Duration.ofHours(2));
    assertThat(emails(2)).containsExactly(team.email(alice), team.email(carol));
  }

  @Test
  void reassigningToAUserPagesThemPerTheirRulesAndTheOldPolicyStops() {
    long alice = team.user("Alice");
    long bob = team.user("Bob");
    long dave = team.user("Dave");
    long checkout =
        team.service("Checkout", 0, level(THIRTY_MINUTES, alice), level(THIRTY_MINUTES, bob));
    Triggered triggered = temporal.trigger(team.key(checkout, "disk-full"), "Disk full on db-1");
    IncidentWorkflow workflow = temporal.incident(triggered.run());
    inbox.awaitMessages(team.accountId(), 2); // Alice's SMS and email
    Responder byAlice = new Responder(alice, "Alice", "REST API");
    workflow.acknowledgeNow(byAlice);

    PolicySnapshot toDave =
        new PolicySnapshot(
            0,
            "Dave",
            0,
            List.of(new PolicySnapshot.Level(1800, List.of(EscalationTarget.user(dave)))));
    workflow.reassign(new Reassign("Dave", toDave, byAlice));
    assertThat(emails(2)).containsExactly(team.email(alice), team.email(dave));
    Incident incident = records.incident(team.accountId(), 1);
    assertThat(incident.status()).isEqualTo("triggered");
    assertThat(records.assignees(team.accountId(), incident.id())).containsExactly("Dave");
    assertThat(records.timeline(team.accountId(), incident.id()))
        .extracting(Entry::kind, Entry::message)
        .contains(tuple("reassigned", "Reassigned to Dave by Alice via REST API"));

    // Bob's level would have fired 30 minutes after Alice's: the old policy is gone.
    temporal.sleep(Duration.ofHours(1));
    assertThat(emails(2)).containsExactly(team.email(alice), team.email(dave));
    WorkflowHistories.recordIfEnabled(temporal.client(), triggered.run(), "reassigned-to-a-user");
  }

  @Test
  void reassigningToAPolicyPagesItsFirstLevelAndFollowsItsLevels() {
    long alice = team.user("Alice");
    long erin = team.user("Erin");
    long frank = team.user("Frank");
    long checkout = team.service("Checkout", 0, level(THIRTY_MINUTES, alice));
    long databasePolicy =
        onCall.createPolicy(
            team.accountId(),
            "Database on-call",
            0,
            List.of(level(Duration.ofMinutes(10), erin), level(Duration.ofMinutes(10), frank)));
    Triggered triggered = temporal.trigger(team.key(checkout, "disk-full"), "Disk full on db-1");
    IncidentWorkflow workflow = temporal.incident(triggered.run());
    inbox.awaitMessages(team.accountId(), 2); // Alice's SMS and email

    Instant reassigned = temporal.now();
    workflow.reassign(
        new Reassign(
            "policy Database on-call",
            policies.snapshot(team.accountId(), databasePolicy),
            new Responder(alice, "Alice", "REST API")));
    assertThat(emails(2)).containsExactly(team.email(alice), team.email(erin));
    temporal.sleepUntil(reassigned.plus(Duration.ofMinutes(10)).plusSeconds(5));
    assertThat(emails(3)).containsExactly(team.email(alice), team.email(erin), team.email(frank));
    // The new policy ran out: the timeline names it, not the old one.
    Incident incident = records.incident(team.accountId(), 1);
    await()
        .atMost(WAIT)
        .until(
            () -> records.timeline(team.accountId(), incident.id()),
            entries ->
                entries.stream()
                    .anyMatch(
                        e ->
                            e.message()
                                .equals(
                                    "Escalation policy \"Database on-call\" exhausted;"
                                        + " still triggered")));
  }

  @Test
  void anIncidentMadeByHandOpensWithItsUrgencyAndPagesItsAssigneeInsteadOfThePolicy() {
    long alice = team.user("Alice");
    long dave = team.user("Dave");
    long checkout = team.service("Checkout", 0, level(THIRTY_MINUTES, alice));
    IncidentEvents events =
        new IncidentEvents(
            temporal.client(),
            alertStore,
            SearchAttributeRegistration.REGISTERED,
            fence,
            resolutions);

    Triggered triggered =
        events.openByHand(
            team.key(checkout, "manual-1"),
            new AlertStore.NewAlert(
                UUID.randomUUID(),
                "Customers report slow checkout",
                "manual",
                "info",
                null,
                null,
                null,
                "{\"details\": \"Since 10:00\"}",
                "Alice",
                null,
                null,
                null,
                null,
                temporal.now()),
            "low",
            dave);

    assertThat(emails(1)).containsExactly(team.email(dave));
    Incident incident = records.incident(team.accountId(), 1);
    assertThat(incident.title()).isEqualTo("Customers report slow checkout");
    assertThat(
            jdbc.sql("select urgency from incidents where id = ?")
                .param(incident.id())
                .query(String.class)
                .single())
        .isEqualTo("low"); // as chosen: the service's own rule says high
    assertThat(records.assignees(team.accountId(), incident.id())).containsExactly("Dave");
    assertThat(records.timeline(team.accountId(), incident.id()))
        .extracting(Entry::message)
        .startsWith("Created by Alice via REST API on Checkout: Customers report slow checkout");
    temporal.sleep(Duration.ofHours(1));
    assertThat(emails(1)).containsExactly(team.email(dave));
    temporal.incident(triggered.run()).resolveNow(new Responder(dave, "Dave", "REST API"));
  }

  @Test
  void aMergedIncidentResolvesPointingAtTheTargetWhichTakesItsAlertsAndLaterDuplicates() {
    long alice = team.user("Alice");
    long checkout = team.service("Checkout", 0, level(THIRTY_MINUTES, alice));
    temporal.trigger(team.key(checkout, "db-1-disk"), "Disk full on db-1");
    records.awaitIncident(team.accountId(), 1, i -> true); // numbered #1 before the next opens
    Triggered second = temporal.trigger(team.key(checkout, "db-1-io"), "IO wait high on db-1");
    temporal.trigger(team.key(checkout, "db-1-io"), "IO wait still high on db-1");
    assertThat(emails(2)).containsExactly(team.email(alice), team.email(alice));
    Incident target = records.incident(team.accountId(), 1);
    Incident source = records.awaitIncident(team.accountId(), 2, i -> i.alertCount() == 2);
    Responder byAlice = new Responder(alice, "Alice", "REST API");

    IncidentWorkflow workflow = temporal.incident(second.run());
    assertThat(refusal(() -> workflow.mergeInto(new MergeInto(source.id(), 2, byAlice))))
        .isEqualTo("'source_incidents' cannot hold the incident merged into");
    IncidentState merged = workflow.mergeInto(new MergeInto(target.id(), 1, byAlice));

    assertThat(merged.status()).isEqualTo(IncidentStatus.RESOLVED);
    Incident resolved = records.incident(team.accountId(), 2);
    assertThat(resolved.status()).isEqualTo("resolved");
    assertThat(resolved.alertCount()).isZero();
    assertThat(records.incident(team.accountId(), 1).alertCount()).isEqualTo(3);
    assertThat(records.alertIds(team.accountId(), target.id())).hasSize(3);
    assertThat(records.timeline(team.accountId(), source.id()))
        .extracting(Entry::kind, Entry::message)
        .containsSubsequence(
            tuple("merged", "Merged into #1 by Alice via REST API (2 alerts moved there)"),
            tuple("resolved", "Resolved by Alice via REST API"));
    assertThat(records.timeline(team.accountId(), target.id()))
        .extracting(Entry::message)
        .contains("Incident #2 merged into this one by Alice via REST API (2 alerts)");

    // A duplicate of the merged incident's key joins the target: no new incident, no page.
    temporal.trigger(team.key(checkout, "db-1-io"), "IO wait high on db-1 again");
    records.awaitIncident(team.accountId(), 1, i -> i.alertCount() == 4);
    temporal.sleep(Duration.ofMinutes(10));
    assertThat(records.incidents(team.accountId())).hasSize(2);
    assertThat(emails(2)).hasSize(2);
    WorkflowHistories.recordIfEnabled(temporal.client(), second.run(), "merged-into-another");
  }

  /** The recipients of the account's page emails so far, once there are {@code count}. */
  private List<String> emails(int count) {
    return await("%d page emails".formatted(count))
        .atMost(WAIT)
        .until(
            () ->
                inbox.messages(team.accountId()).stream()
                    .filter(m -> m.channel().equals("email"))
                    .map(Message::recipient)
                    .toList(),
            emails -> emails.size() >= count);
  }

  /** The validator's words the update was refused with, or null when it was accepted. */
  private static String refusal(Runnable update) {
    Throwable thrown = catchThrowable(update::run);
    if (thrown == null) {
      return null;
    }
    assertThat(thrown).isInstanceOf(WorkflowUpdateException.class);
    for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
      if (cause instanceof ApplicationFailure failure) {
        return failure.getOriginalMessage();
      }
    }
    throw new AssertionError("refused without an application failure", thrown);
  }

  /** The names of the updates the run accepted, in its history's order. */
  private List<String> acceptedUpdates(WorkflowExecution run) {
    return temporal.history(run).getEvents().stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED)
        .map(
            e ->
                e.getWorkflowExecutionUpdateAcceptedEventAttributes()
                    .getAcceptedRequest()
                    .getInput()
                    .getName())
        .toList();
  }

  private String priority(Incident incident) {
    return jdbc.sql("select priority from incidents where id = ?")
        .param(incident.id())
        .query((rs, n) -> rs.getString(1))
        .list()
        .get(0);
  }

  private Instant snoozedUntil(Incident incident) {
    Timestamp until =
        jdbc.sql("select snoozed_until from incidents where id = ?")
            .param(incident.id())
            .query((rs, n) -> rs.getTimestamp(1))
            .list()
            .get(0);
    return until == null ? null : until.toInstant();
  }

  /** Timeline entries someone made: kind, message, user, name, channel. */
  private List<org.assertj.core.groups.Tuple> actorEntries(Incident incident) {
    return jdbc.sql(
            """
            select kind, message, by_user_id, by_name, via from incident_log_entries
            where incident_id = ? and by_name is not null and kind not in ('acknowledged', 'resolved')
            order by seq""")
        .param(incident.id())
        .query(
            (rs, n) ->
                tuple(
                    rs.getString("kind"),
                    rs.getString("message"),
                    (Long) rs.getObject("by_user_id"),
                    rs.getString("by_name"),
                    rs.getString("via")))
        .list();
  }
}
