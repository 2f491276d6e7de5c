package dev.vigil.incident;

import static dev.vigil.testsupport.TestTeam.level;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.incident.record.IncidentEvents.Triggered;
import dev.vigil.oncall.OnCallSetup;
import dev.vigil.search.SearchAttributeRegistration;
import dev.vigil.search.VigilSearchAttributes;
import dev.vigil.testsupport.ActivitiesTestApplication;
import dev.vigil.testsupport.DevInbox;
import dev.vigil.testsupport.IncidentWorkflowExtension;
import dev.vigil.testsupport.TestTeam;
import io.temporal.api.sdk.v1.WorkflowMetadata;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
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
 * A namespace that refused Vigil's search attributes (a cloud namespace without the permission):
 * incidents still open, page and resolve; only the UI's search is missing. On a real server an
 * unknown attribute fails the start, or every workflow task after an upsert, so nothing sets one.
 */
@SpringBootTest(classes = ActivitiesTestApplication.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IncidentWithoutSearchAttributesTest {

  @RegisterExtension
  final IncidentWorkflowExtension temporal =
      new IncidentWorkflowExtension(SearchAttributeRegistration.MISSING);

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
  void incidentsPageAndResolveWithDetailsButNoSearchAttributes() throws Exception {
    long alice = team.user("Alice");
    long checkout = team.service("Checkout", 0, level(Duration.ofMinutes(5), alice));

    Triggered triggered = temporal.trigger(team.key(checkout, "disk-full"), "Disk full on db-1");
    inbox.awaitMessages(team.accountId(), 2);
    temporal.incident(triggered.run()).acknowledgeNow(Responder.integration("Test monitor"));
    temporal.incident(triggered.run()).resolve(Responder.integration("Test monitor"));

    WorkflowStub workflow = temporal.untyped(triggered.run());
    assertThat(workflow.getResult(15, TimeUnit.SECONDS, IncidentOutcome.class).status())
        .isEqualTo(IncidentStatus.RESOLVED);
    assertThat(
            workflow
                .describe()
                .getTypedSearchAttributes()
                .containsKey(VigilSearchAttributes.INCIDENT_NUMBER))
        .isFalse();
    assertThat(
            workflow
                .query(WorkflowClient.QUERY_TYPE_WORKFLOW_METADATA, WorkflowMetadata.class)
                .getCurrentDetails())
        .isEqualTo("#1 HIGH Disk full on db-1 — resolved by Test monitor via Events API");
  }
}
