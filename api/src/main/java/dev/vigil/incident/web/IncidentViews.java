package dev.vigil.incident.web;

import dev.vigil.change.ChangeEvents;
import dev.vigil.incident.record.IncidentAlerts;
import dev.vigil.incident.record.IncidentReader;
import dev.vigil.temporal.TemporalUiLinks;
import org.springframework.stereotype.Component;

/** An incident with its assignees, timeline and workflow, as every incident endpoint answers. */
@Component
class IncidentViews {

  private final IncidentReader reader;
  private final TemporalUiLinks temporalUi;
  private final IncidentAlerts alerts;

  private final ChangeEvents changes;

  IncidentViews(
      IncidentReader reader,
      TemporalUiLinks temporalUi,
      IncidentAlerts alerts,
      ChangeEvents changes) {
    this.reader = reader;
    this.temporalUi = temporalUi;
    this.alerts = alerts;
    this.changes = changes;
  }

  IncidentView full(IncidentReader.IncidentRow row) {
    String ui = temporalUi.workflowRun(row.workflowId(), row.runId()).orElse(null);
    return IncidentView.full(
        row,
        reader.assignees(row.id()),
        reader.timeline(row.id()),
        new IncidentView.WorkflowRef(
            row.workflowId(), row.runId(), "/api/v1/incidents/" + row.number() + "/history", ui),
        alerts.of(row.id()),
        changes.around(row.accountId(), row.serviceId(), row.createdAt(), row.resolvedAt()).stream()
            .map(
                c -> new IncidentView.RecentChange(c.id(), c.summary(), c.source(), c.happenedAt()))
            .toList());
  }
}
