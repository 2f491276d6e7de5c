package dev.vigil.incident;

import static dev.vigil.testsupport.TestTeam.level;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.incident.record.IncidentEvents.Triggered;
import dev.vigil.testsupport.ActivitiesTestApplication;
import dev.vigil.testsupport.DevInbox.Message;
import dev.vigil.testsupport.IncidentRecords.Entry;
import dev.vigil.testsupport.IncidentRecords.Incident;
import dev.vigil.testsupport.IncidentWorkflowTestBase;
import dev.vigil.testsupport.WorkflowHistories;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * An incident that stays open long enough to write a long history hands over to a new run (here
 * after 20 events instead of 10,000) and goes on exactly where it was: still acknowledged, its
 * acknowledgement timeout counted from the acknowledgement, its timeline numbered on, and actions
 * reaching the run that took over.
 */
@SpringBootTest(
    classes = ActivitiesTestApplication.class,
    properties = "vigil.incidents.history-limit=20")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LongIncidentTest extends IncidentWorkflowTestBase {

  private static final Duration WAIT = Duration.ofSeconds(15);

  @Test
  void aLongIncidentContinuesAsNewAndGoesOnWhereItWas() {
    long alice = team.user("Alice");
    long checkout = team.service("Checkout", 0, level(Duration.ofMinutes(5), alice));
    onCall.setServiceTimeouts(team.accountId(), checkout, 30 * 60, null);
    Triggered triggered = temporal.trigger(team.key(checkout, "disk-full"), "Disk full on db-1");
    WorkflowExecution first = triggered.run();
    inbox.awaitMessages(team.accountId(), 2);
    long incidentId = records.incident(team.accountId(), 1).id();

    // Whichever run holds the incident by now (the first may have handed over as its policy ran
    // out), the acknowledgement reaches the run the record names.
    await().atMost(WAIT).until(() -> isRunning(runOnRecord(first.getWorkflowId(), incidentId)));
    temporal
        .incident(runOnRecord(first.getWorkflowId(), incidentId))
        .acknowledgeNow(new Responder(alice, "Alice", "REST API"));

    // The acknowledged incident handed over to a new run, and the record names that run.
    await().atMost(WAIT).until(() -> lastEvent(first) == continuedAsNew());
    await().atMost(WAIT).until(() -> isRunning(runOnRecord(first.getWorkflowId(), incidentId)));
    Incident acknowledged = records.incident(team.accountId(), 1);
    assertThat(acknowledged.status()).isEqualTo("acknowledged");
    assertThat(runOnRecord(first.getWorkflowId(), incidentId).getRunId())
        .isNotEqualTo(first.getRunId());

    // Its acknowledgement timeout still counts from the acknowledgement: no page before it ends.
    temporal.sleepUntil(acknowledged.acknowledgedAt().plus(Duration.ofMinutes(30)).minusSeconds(5));
    assertThat(inbox.messages(team.accountId())).hasSize(2);
    assertThat(records.incident(team.accountId(), 1).status()).isEqualTo("acknowledged");

    temporal.sleepUntil(acknowledged.acknowledgedAt().plus(Duration.ofMinutes(30)).plusSeconds(5));
    assertThat(inbox.awaitMessages(team.accountId(), 4))
        .extracting(Message::recipient)
        .containsExactlyInAnyOrder(
            team.phone(alice), team.email(alice), team.phone(alice), team.email(alice));

    // The run on the record takes the resolution, and the incident closes once.
    await().atMost(WAIT).until(() -> isRunning(runOnRecord(first.getWorkflowId(), incidentId)));
    WorkflowExecution last = runOnRecord(first.getWorkflowId(), incidentId);
    temporal.incident(last).resolveNow(new Responder(alice, "Alice", "REST API"));
    IncidentOutcome outcome = temporal.untyped(last).getResult(IncidentOutcome.class);
    assertThat(outcome.status()).isEqualTo(IncidentStatus.RESOLVED);
    assertThat(outcome.number()).isEqualTo(1);

    List<Entry> timeline = records.timeline(team.accountId(), incidentId);
    assertThat(timeline)
        .extracting(Entry::kind)
        .containsSubsequence("triggered", "acknowledged", "retriggered", "resolved");
    List<Integer> numbered = timeline.stream().map(Entry::seq).filter(seq -> seq > 0).toList();
    assertThat(numbered).doesNotHaveDuplicates().isSorted();
    assertThat(records.incidents(team.accountId())).hasSize(1);

    WorkflowHistories.recordIfEnabled(
        temporal.client(), first, "acknowledged-then-continued-as-new");
    WorkflowHistories.recordIfEnabled(temporal.client(), last, "continued-run-resolved");
  }

  private boolean isRunning(WorkflowExecution run) {
    return temporal
            .client()
            .getWorkflowServiceStubs()
            .blockingStub()
            .describeWorkflowExecution(
                io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest.newBuilder()
                    .setNamespace(temporal.client().getOptions().getNamespace())
                    .setExecution(run)
                    .build())
            .getWorkflowExecutionInfo()
            .getStatus()
        == io.temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
  }

  private EventType lastEvent(WorkflowExecution run) {
    List<HistoryEvent> events = temporal.history(run).getEvents();
    return events.get(events.size() - 1).getEventType();
  }

  private static EventType continuedAsNew() {
    return EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW;
  }

  private WorkflowExecution runOnRecord(String workflowId, long incidentId) {
    String runId =
        jdbc.sql("select run_id from incidents where id = ?")
            .param(incidentId)
            .query(String.class)
            .single();
    return WorkflowExecution.newBuilder().setWorkflowId(workflowId).setRunId(runId).build();
  }
}
