package dev.vigil.incident;

import dev.vigil.web.Page;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads incidents for the REST API, always within one account. */
@Component
class IncidentReader {

  private static final String COLUMNS =
      """
      select i.id, i.number, i.title, i.status, i.urgency, i.dedup_key, i.alert_count,
             i.service_id, s.name as service_name, i.workflow_id, i.run_id,
             i.created_at, i.acknowledged_at, i.resolved_at, i.updated_at
      from incidents i join services s on s.id = i.service_id
      """;

  private final JdbcClient jdbc;

  IncidentReader(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<IncidentRow> find(long accountId, long number) {
    return jdbc.sql(COLUMNS + " where i.account_id = ? and i.number = ?")
        .params(accountId, number)
        .query(IncidentRow.class)
        .optional();
  }

  /** The run the record names now: it changes when a long incident continues as new. */
  Optional<String> runOf(long incidentId) {
    return jdbc.sql("select run_id from incidents where id = ?")
        .param(incidentId)
        .query(String.class)
        .optional();
  }

  /** Newest first. */
  List<IncidentRow> list(long accountId, List<String> statuses, Page.PageRequest page) {
    return jdbc.sql(
            COLUMNS
                + " where i.account_id = :account and i.status in (:statuses)"
                + " order by i.number desc limit :limit offset :offset")
        .param("account", accountId)
        .param("statuses", statuses)
        .param("limit", page.fetch())
        .param("offset", page.offset())
        .query(IncidentRow.class)
        .list();
  }

  List<TimelineEntry> timeline(long incidentId) {
    return jdbc.sql(
            "select at, kind, message from incident_log_entries where incident_id = ?"
                // Entries from outside the workflow (delivery reports) have no seq: time orders.
                + " order by at, seq nulls last, id")
        .param(incidentId)
        .query(TimelineEntry.class)
        .list();
  }

  List<Assignee> assignees(long incidentId) {
    return jdbc.sql(
            """
            select u.id, u.name, u.email from incident_assignees a join users u on u.id = a.user_id
            where a.incident_id = ? order by u.id""")
        .param(incidentId)
        .query(Assignee.class)
        .list();
  }

  record IncidentRow(
      long id,
      long number,
      String title,
      String status,
      String urgency,
      String dedupKey,
      int alertCount,
      long serviceId,
      String serviceName,
      String workflowId,
      String runId,
      Instant createdAt,
      Instant acknowledgedAt,
      Instant resolvedAt,
      Instant updatedAt) {}

  record TimelineEntry(Instant at, String kind, String message) {}

  record Assignee(long id, String name, String email) {}
}
