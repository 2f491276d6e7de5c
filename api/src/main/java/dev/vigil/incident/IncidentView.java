package dev.vigil.incident;

import java.time.Instant;
import java.util.List;

/**
 * An incident as the REST API shows it (snake_case on the wire). {@code mergedInto}: the number of
 * the incident this one was merged into.
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
    WorkflowRef workflow) {

  record ServiceRef(long id, String name) {}

  /** Where support staff find the incident's workflow history. */
  record WorkflowRef(String workflowId, String runId, String historyUrl, String temporalUiUrl) {}

  /** A list entry: no timeline. */
  static IncidentView summary(IncidentReader.IncidentRow row) {
    return full(row, List.of(), null, null);
  }

  static IncidentView full(
      IncidentReader.IncidentRow row,
      List<IncidentReader.Assignee> assignees,
      List<IncidentReader.TimelineEntry> timeline,
      WorkflowRef workflow) {
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
        workflow);
  }
}
