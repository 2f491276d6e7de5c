package dev.vigil.temporal;

import static dev.vigil.testsupport.TestTeam.level;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vigil.oncall.OnCallSetup;
import dev.vigil.oncall.access.ApiTokens;
import dev.vigil.search.VigilSearchAttributes;
import dev.vigil.support.TimeSkippingAppTestBase;
import dev.vigil.testsupport.TestTeam;
import io.temporal.client.WorkflowClient;
import io.temporal.common.SearchAttributes;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The application registers its search attributes on the Temporal server it runs against, so an
 * incident opened through the Events API is found in the Temporal UI by account and number, and the
 * REST API links to its page there.
 */
class IncidentInTemporalUiTest extends TimeSkippingAppTestBase {

  @Autowired OnCallSetup setup;
  @Autowired ApiTokens tokens;
  @Autowired WorkflowClient client;

  @Test
  void anIncidentOpenedThroughTheEventsApiIsSearchableAndLinkedToItsWorkflowPage() {
    TestTeam team = TestTeam.create(setup, "Visible " + UUID.randomUUID());
    long alice = team.user("Alice");
    long checkout = team.service("Checkout", 0, level(Duration.ofMinutes(5), alice));
    String routingKey = UUID.randomUUID().toString().replace("-", "");
    setup.addIntegrationKey(team.accountId(), checkout, routingKey);
    String token = tokens.create(team.accountId(), "support");

    assertThat(
            http()
                .postJson(
                    "/v2/enqueue",
                    """
                    {"routing_key": "%s", "event_action": "trigger", "dedup_key": "disk-full",
                     "payload": {"summary": "Disk full on db-01", "source": "db-01",
                                 "severity": "critical"}}"""
                        .formatted(routingKey))
                .status())
        .isEqualTo(202);

    JsonNode workflow =
        await()
            .atMost(Duration.ofSeconds(15))
            .until(
                () -> http().get("/api/v1/incidents/1", token),
                response -> response.status() == 200)
            .json()
            .at("/incident/workflow");
    String workflowId = workflow.at("/workflow_id").asString();
    String runId = workflow.at("/run_id").asString();
    assertThat(workflow.at("/temporal_ui_url").asString())
        .isEqualTo(
            "http://temporal-ui.test:8233/namespaces/default/workflows/"
                + workflowId
                + "/"
                + runId
                + "/history");

    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(
            () -> {
              SearchAttributes attributes =
                  client.newUntypedWorkflowStub(workflowId).describe().getTypedSearchAttributes();
              assertThat(attributes.get(VigilSearchAttributes.ACCOUNT_ID))
                  .isEqualTo(team.accountId());
              assertThat(attributes.get(VigilSearchAttributes.INCIDENT_NUMBER)).isEqualTo(1L);
              assertThat(attributes.get(VigilSearchAttributes.SERVICE_ID)).isEqualTo(checkout);
              assertThat(attributes.get(VigilSearchAttributes.INCIDENT_STATUS))
                  .isEqualTo("triggered");
            });
  }
}
