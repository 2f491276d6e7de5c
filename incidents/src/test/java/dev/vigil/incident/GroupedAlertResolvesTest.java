package dev.vigil.incident;

import static dev.vigil.testsupport.TestTeam.level;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.vigil.incident.record.AlertGroups;
import dev.vigil.incident.record.AlertIntake;
import dev.vigil.incident.record.AlertResolutions;
import dev.vigil.incident.record.AlertStore;
import dev.vigil.incident.record.IncidentAlerts;
import dev.vigil.incident.record.IncidentEvents;
import dev.vigil.incident.record.PagingFence;
import dev.vigil.oncall.maintenance.MaintenanceWindows;
import dev.vigil.oncall.service.AlertGrouping;
import dev.vigil.oncall.service.ServiceStore;
import dev.vigil.search.SearchAttributeRegistration;
import dev.vigil.testsupport.IncidentRecords.Entry;
import dev.vigil.testsupport.IncidentRecords.Incident;
import dev.vigil.testsupport.IncidentWorkflowTestBase;
import dev.vigil.testsupport.WorkflowHistories;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Alerts a service's grouping put into one incident resolve one by one, as PagerDuty's do: a
 * resolve event with one alert's dedup key resolves that alert, the incident resolves with its last
 * open alert, and an acknowledge with one alert's key acknowledges the incident.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GroupedAlertResolvesTest extends IncidentWorkflowTestBase {

  private static final Responder MONITOR = Responder.integration("Test monitor");

  @Autowired AlertStore alertStore;
  @Autowired PagingFence fence;
  @Autowired AlertResolutions resolutions;
  @Autowired AlertGroups groups;
  @Autowired ServiceStore services;
  @Autowired MaintenanceWindows maintenance;
  @Autowired IncidentAlerts incidentAlerts;

  private IncidentEvents events;
  private AlertIntake intake;
  private long service;

  @BeforeEach
  void aServiceGroupingByGroup() {
    long alice = team.user("Alice");
    service = team.service("Checkout", 0, level(Duration.ofMinutes(30), alice));
    services.setAlertGrouping(
        team.accountId(),
        service,
        new AlertGrouping(AlertGrouping.CONTENT, null, List.of("group")));
    events =
        new IncidentEvents(
            temporal.client(),
            alertStore,
            SearchAttributeRegistration.REGISTERED,
            fence,
            resolutions);
    intake = new AlertIntake(events, services, groups, maintenance, alertStore);
  }

  @Test
  void eachResolveResolvesItsAlertAndTheLastOneTheIncident() {
    trigger("db-1", "Replica db-1 lagging");
    trigger("db-2", "Replica db-2 lagging");
    trigger("db-3", "Replica db-3 lagging");
    Incident incident = records.awaitIncident(team.accountId(), 1, i -> i.alertCount() == 3);
    assertThat(incident.dedupKey()).startsWith("vigil-group:");
    assertThat(records.incidents(team.accountId())).hasSize(1);

    assertThat(events.resolve(team.key(service, "db-2"), MONITOR)).isTrue();
    assertThat(statuses(incident))
        .containsExactlyInAnyOrder(
            tuple("db-1", "triggered"), tuple("db-2", "resolved"), tuple("db-3", "triggered"));
    assertThat(alertsResolvedOnTimeline(incident))
        .containsExactly(
            "Alert \"Replica db-2 lagging\" resolved (dedup key db-2; 2 of 3 still open)");
    assertThat(records.incident(team.accountId(), 1).status()).isEqualTo("triggered");

    // An acknowledge with one alert's key acknowledges the incident.
    assertThat(events.acknowledge(team.key(service, "db-1"), MONITOR)).isTrue();
    records.awaitIncident(team.accountId(), 1, i -> i.status().equals("acknowledged"));

    assertThat(events.resolve(team.key(service, "db-1"), MONITOR)).isTrue();
    // A repeat of a resolve changes nothing.
    assertThat(events.resolve(team.key(service, "db-1"), MONITOR)).isFalse();
    assertThat(records.incident(team.accountId(), 1).status()).isEqualTo("acknowledged");

    assertThat(events.resolve(team.key(service, "db-3"), MONITOR)).isTrue();
    Incident resolved = records.awaitIncident(team.accountId(), 1, i -> i.resolvedAt() != null);
    assertThat(resolved.status()).isEqualTo("resolved");
    assertThat(temporal.untyped(run(incident)).getResult(IncidentOutcome.class).status())
        .isEqualTo(IncidentStatus.RESOLVED);
    assertThat(alertsResolvedOnTimeline(incident))
        .containsExactly(
            "Alert \"Replica db-2 lagging\" resolved (dedup key db-2; 2 of 3 still open)",
            "Alert \"Replica db-1 lagging\" resolved (dedup key db-1; 1 of 3 still open)",
            "Alert \"Replica db-3 lagging\" resolved (dedup key db-3; none of 3 still open:"
                + " the incident resolves)");
    assertThat(records.timeline(team.accountId(), incident.id()))
        .extracting(Entry::kind, Entry::message)
        .contains(tuple("resolved", "Resolved by Test monitor via Events API"));
    assertThat(statuses(incident))
        .containsOnly(
            tuple("db-1", "resolved"), tuple("db-2", "resolved"), tuple("db-3", "resolved"));
    WorkflowHistories.recordIfEnabled(
        temporal.client(), run(incident), "grouped-alerts-resolved-one-by-one");

    // The group is closed: its next alert opens the next incident, and pages again.
    assertThat(events.resolve(team.key(service, "db-3"), MONITOR)).isFalse();
    trigger("db-4", "Replica db-4 lagging");
    records.awaitIncident(team.accountId(), 2, i -> i.status().equals("triggered"));
  }

  @Test
  void resolvingTheIncidentResolvesAllItsAlerts() {
    trigger("db-1", "Replica db-1 lagging");
    trigger("db-2", "Replica db-2 lagging");
    Incident incident = records.awaitIncident(team.accountId(), 1, i -> i.alertCount() == 2);

    assertThat(events.resolve(team.key(service, incident.dedupKey()), MONITOR)).isTrue();
    records.awaitIncident(team.accountId(), 1, i -> i.resolvedAt() != null);
    assertThat(statuses(incident))
        .containsOnly(tuple("db-1", "resolved"), tuple("db-2", "resolved"));
    assertThat(alertsResolvedOnTimeline(incident)).isEmpty();
  }

  private void trigger(String dedupKey, String summary) {
    intake.trigger(
        team.key(service, dedupKey),
        new AlertStore.NewAlert(
            UUID.randomUUID(),
            summary,
            "db-monitor",
            "critical",
            null,
            "checkout-db",
            null,
            null,
            "Test monitor",
            null,
            null,
            null,
            null,
            temporal.now()),
        AlertIntake.Grouping.SERVICE);
  }

  private List<org.assertj.core.groups.Tuple> statuses(Incident incident) {
    return incidentAlerts.of(incident.id()).stream()
        .map(a -> tuple(a.dedupKey(), a.status()))
        .toList();
  }

  private List<String> alertsResolvedOnTimeline(Incident incident) {
    return records.timeline(team.accountId(), incident.id()).stream()
        .filter(e -> e.kind().equals("alert_resolved"))
        .sorted(java.util.Comparator.comparing(Entry::at))
        .map(Entry::message)
        .toList();
  }

  private static io.temporal.api.common.v1.WorkflowExecution run(Incident incident) {
    return io.temporal.api.common.v1.WorkflowExecution.newBuilder()
        .setWorkflowId(incident.workflowId())
        .setRunId(incident.runId())
        .build();
  }
}
