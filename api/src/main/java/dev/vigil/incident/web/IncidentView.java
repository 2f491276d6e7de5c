package dev.vigil.incident.web;

import dev.vigil.incident.record.IncidentAlerts;
import dev.vigil.incident.record.IncidentReader;
import java.time.Instant;
import java.util.List;

/**
 * An incident as the REST API shows it (snake_case on the wire). {@code mergedInto}: the number of
 * the incident this one was merged into. {@code alerts}: what the monitoring tools sent, one entry
 * per dedup key, newest first (empty in lists).
 */
record IncidentView(
    long number,
    String title,
    String status,
    String urgency,
    String priority,
    String incidentKey,
    int alertCount,
    ServiceRef service,
    Instant createdAt,
    Instant acknowledgedAt,
    Instant resolvedAt,
    Instant snoozedUntil,
    Long mergedInto,
    List<IncidentReader.Assignee> assignees,
    List<IncidentReader.TimelineEntry> timeline,
    WorkflowRef workflow,
    List<IncidentAlerts.AlertView> alerts,
    List<RecentChange> recentChanges) {

  record ServiceRef(long id, String name) {}

  /**
   * A change event of the incident's service from two hours before it opened until it resolved
   * (newest first, at most ten; empty in lists).
   */
  record RecentChange(long id, String summary, String source, Instant timestamp) {}

  /** Where support staff find the incident's workflow history. */
  record WorkflowRef(String workflowId, String runId, String historyUrl, String temporalUiUrl) {}

  /** A list entry: no timeline, no alerts, no changes. */
  static IncidentView summary(IncidentReader.IncidentRow row) {
    return full(row, List.of(), List.of(), null, List.of(), List.of());
  }

  static IncidentView full(
      IncidentReader.IncidentRow row,
      List<IncidentReader.Assignee> assignees,
      List<IncidentReader.TimelineEntry> timeline,
      WorkflowRef workflow,
      List<IncidentAlerts.AlertView> alerts,
      List<RecentChange> recentChanges) {
    return new IncidentView(
        row.number(),
        row.title(),
        row.status(),
        row.urgency(),
        row.priority(),
        row.dedupKey(),
        row.alertCount(),
        new ServiceRef(row.serviceId(), row.serviceName()),
        row.createdAt(),
        row.acknowledgedAt(),
        row.resolvedAt(),
        row.snoozedUntil(),
        row.mergedInto(),
        assignees,
        timeline,
        workflow,
        alerts,
        recentChanges);
  }
}
