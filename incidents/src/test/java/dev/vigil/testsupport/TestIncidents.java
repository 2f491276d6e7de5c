package dev.vigil.testsupport;

import dev.vigil.incident.AlertSignal;
import dev.vigil.incident.IncidentKey;
import dev.vigil.incident.OpenIncident;
import dev.vigil.incident.OpenedIncident;
import dev.vigil.incident.record.AlertStore;
import dev.vigil.incident.record.IncidentActivitiesImpl;
import java.time.Instant;
import java.util.UUID;

/**
 * A real incident row to page about, without a workflow: the alert stored as the Events API stores
 * it, then recorded as the workflow's first activity records it. For tests of the send path and of
 * what billing reads from it.
 */
public final class TestIncidents {

  private final AlertStore alerts;
  private final IncidentActivitiesImpl incidents;

  public TestIncidents(AlertStore alerts, IncidentActivitiesImpl incidents) {
    this.alerts = alerts;
    this.incidents = incidents;
  }

  public OpenedIncident open(long accountId, IncidentKey key, String title, Instant at) {
    long alertId =
        alerts.store(
            accountId,
            new AlertStore.NewAlert(
                UUID.randomUUID(),
                title,
                "test-monitor",
                "critical",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                at));
    return incidents.openIncident(
        new OpenIncident(
            key,
            key.workflowId(),
            "run-1",
            new AlertSignal(alertId, title, "critical", at),
            at,
            1,
            true));
  }
}
