package dev.vigil.incident;

import static dev.vigil.testsupport.TestTeam.level;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.incident.record.IncidentEvents.Triggered;
import dev.vigil.oncall.OnCallSetup;
import dev.vigil.search.VigilSearchAttributes;
import dev.vigil.testsupport.ActivitiesTestApplication;
import dev.vigil.testsupport.DevInbox;
import dev.vigil.testsupport.IncidentWorkflowExtension;
import dev.vigil.testsupport.TestTeam;
import dev.vigil.testsupport.WorkflowHistories;
import io.temporal.api.sdk.v1.WorkflowMetadata;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributes;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What support staff see of an incident in the Temporal UI: its search attributes (account, number,
 * service, status, urgency), its summary and its current details, kept current as it is paged,
 * acknowledged and resolved.
 */
@SpringBootTest(classes = ActivitiesTestApplication.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IncidentVisibilityTest {

  private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

  @RegisterExtension final IncidentWorkflowExtension temporal = new IncidentWorkflowExtension();

  @Autowired OnCallSetup onCall;
  @Autowired JdbcClient jdbc;

  private DevInbox inbox;
  private TestTeam team;

  @BeforeEach
  void setUp(TestInfo test) {
    inbox = new DevInbox(jdbc);
    team = TestTeam.create(onCall, test.getTestMethod().orElseThrow().getName());
  }

  @Test
  void theUiFindsTheIncidentByAccountAndNumberAndShowsWhereItStands() throws Exception {
    long alice = team.user("Alice");
    long bob = team.user("Bob");
    // Repeated once: after level 2 the policy starts over, so it is not exhausted yet.
    long checkout =
        team.service("Checkout", 1, level(FIVE_MINUTES, alice), level(FIVE_MINUTES, bob));

    Triggered triggered = temporal.trigger(team.key(checkout, "disk-full"), "Disk full on db-1");
    WorkflowStub workflow = temporal.untyped(triggered.run());
    inbox.awaitMessages(team.accountId(), 2);

    // The start also carries the alert's summary as the execution's static summary; the test
    // server drops it on signal-with-start (a real server keeps it), so it is not asserted here.
    SearchAttributes opened = searchAttributes(workflow);
    assertThat(opened.get(VigilSearchAttributes.ACCOUNT_ID)).isEqualTo(team.accountId());
    assertThat(opened.get(VigilSearchAttributes.SERVICE_ID)).isEqualTo(checkout);
    assertThat(opened.get(VigilSearchAttributes.INCIDENT_NUMBER)).isEqualTo(1L);
    assertThat(opened.get(VigilSearchAttributes.INCIDENT_STATUS)).isEqualTo("triggered");
    assertThat(opened.get(VigilSearchAttributes.URGENCY)).isEqualTo("high");
    assertThat(currentDetails(workflow))
        .isEqualTo("#1 HIGH Disk full on db-1 — triggered, level 1");

    temporal.sleep(FIVE_MINUTES.plusSeconds(1));
    inbox.awaitMessages(team.accountId(), 4);
    assertThat(currentDetails(workflow))
        .isEqualTo("#1 HIGH Disk full on db-1 — triggered, level 2");

    IncidentWorkflow incident = temporal.incident(triggered.run());
    incident.acknowledgeNow(new Responder(bob, "Bob", "REST API"));
    assertThat(searchAttributes(workflow).get(VigilSearchAttributes.INCIDENT_STATUS))
        .isEqualTo("acknowledged");
    assertThat(currentDetails(workflow))
        .isEqualTo("#1 HIGH Disk full on db-1 — acknowledged by Bob via REST API");

    incident.resolve(Responder.integration("Test monitor"));
    workflow.getResult(15, TimeUnit.SECONDS, IncidentOutcome.class);
    SearchAttributes resolved = searchAttributes(workflow);
    assertThat(resolved.get(VigilSearchAttributes.INCIDENT_STATUS)).isEqualTo("resolved");
    assertThat(resolved.get(VigilSearchAttributes.INCIDENT_NUMBER)).isEqualTo(1L);
    assertThat(currentDetails(workflow))
        .isEqualTo("#1 HIGH Disk full on db-1 — resolved by Test monitor via Events API");
    WorkflowHistories.recordIfEnabled(
        temporal.client(), triggered.run(), "search-attributes-and-details");
  }

  @Test
  void theNextIncidentForTheKeyShowsItsOwnNumberAndStatus() {
    long alice = team.user("Alice");
    long checkout = team.service("Checkout", 0, level(FIVE_MINUTES, alice));
    IncidentKey key = team.key(checkout, "disk-full");

    Triggered first = temporal.trigger(key, "Disk full on db-1");
    inbox.awaitMessages(team.accountId(), 2);
    temporal.incident(first.run()).resolveNow(Responder.integration("Test monitor"));
    // A minute later, so Alice's SMS budget (1 per minute) lets the next incident's page out.
    temporal.sleep(Duration.ofMinutes(1));
    Triggered second = temporal.trigger(key, "Disk full again on db-1");
    inbox.awaitMessages(team.accountId(), 4);

    WorkflowStub next = temporal.untyped(second.run());
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () -> {
              SearchAttributes attributes = searchAttributes(next);
              assertThat(attributes.get(VigilSearchAttributes.INCIDENT_NUMBER)).isEqualTo(2L);
              assertThat(attributes.get(VigilSearchAttributes.INCIDENT_STATUS))
                  .isEqualTo("triggered");
              assertThat(attributes.get(VigilSearchAttributes.ACCOUNT_ID))
                  .isEqualTo(team.accountId());
            });
    // One level, no repeat: paged at once, nobody left to escalate to.
    assertThat(currentDetails(next))
        .isEqualTo(
            "#2 HIGH Disk full again on db-1 — triggered, level 1, escalation policy exhausted");
  }

  private static SearchAttributes searchAttributes(WorkflowStub workflow) {
    return workflow.describe().getTypedSearchAttributes();
  }

  /** What the UI shows as the execution's current details (Temporal's metadata query). */
  private static String currentDetails(WorkflowStub workflow) {
    return workflow
        .query(WorkflowClient.QUERY_TYPE_WORKFLOW_METADATA, WorkflowMetadata.class)
        .getCurrentDetails();
  }
}
