package dev.vigil.incident.record;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads incidents for the REST API, always within one account. */
@Component
public class IncidentReader {

  private static final String COLUMNS =
      """
      select i.id, i.account_id, i.number, i.title, i.status, i.urgency, i.dedup_key, i.alert_count,
             i.service_id, s.name as service_name, i.workflow_id, i.run_id,
             i.created_at, i.acknowledged_at, i.resolved_at, i.updated_at, i.priority,
             i.snoozed_until, m.number as merged_into
      from incidents i join services s on s.id = i.service_id
           left join incidents m on m.id = i.merged_into_id
      """;

  private final JdbcClient jdbc;

  public IncidentReader(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<IncidentRow> find(long accountId, long number) {
    return jdbc.sql(COLUMNS + " where i.account_id = ? and i.number = ?")
        .params(accountId, number)
        .query(IncidentRow.class)
        .optional();
  }

  /** The run the record names now: it changes when a long incident continues as new. */
  public Optional<String> runOf(long incidentId) {
    return jdbc.sql("select run_id from incidents where id = ?")
        .param(incidentId)
        .query(String.class)
        .optional();
  }

  /** Newest first: {@code fetch} rows from {@code offset}. */
  public List<IncidentRow> list(long accountId, List<String> statuses, int fetch, int offset) {
    return jdbc.sql(
            COLUMNS
                + " where i.account_id = :account and i.status in (:statuses)"
                + " order by i.number desc limit :limit offset :offset")
        .param("account", accountId)
        .param("statuses", statuses)
        .param("limit", fetch)
        .param("offset", offset)
        .query(IncidentRow.class)
        .list();
  }

  public List<TimelineEntry> timeline(long incidentId) {
    return jdbc.sql(
            "select at, kind, message, by_user_id, by_name, via from incident_log_entries"
                + " where incident_id = ?"
                // Entries from outside the workflow (delivery reports) have no seq: time orders.
                + " order by at, seq nulls last, id")
        .param(incidentId)
        .query(
            (rs, n) ->
                new TimelineEntry(
                    rs.getTimestamp("at").toInstant(),
                    rs.getString("kind"),
                    rs.getString("message"),
                    rs.getString("by_name") == null
                        ? null
                        : new Actor(
                            (Long) rs.getObject("by_user_id"),
                            rs.getString("by_name"),
                            rs.getString("via"))))
        .list();
  }

  /** The name of a user of the account, if there is one: whom an incident may be given to. */
  public Optional<String> userName(long accountId, long userId) {
    return jdbc.sql("select name from users where id = ? and account_id = ?")
        .params(userId, accountId)
        .query(String.class)
        .optional();
  }

  /** The name of a service of the account that takes incidents (not archived). */
  public Optional<String> activeServiceName(long accountId, long serviceId) {
    return jdbc.sql(
            "select name from services where id = ? and account_id = ? and archived_at is null")
        .params(serviceId, accountId)
        .query(String.class)
        .optional();
  }

  /** The incident an alert opened, once its workflow recorded it. */
  public Optional<IncidentRow> openedBy(long accountId, long alertId) {
    return jdbc.sql(
            COLUMNS
                + " where i.account_id = ? and i.id = (select incident_id from alerts where id = ?)")
        .params(accountId, alertId)
        .query(IncidentRow.class)
        .optional();
  }

  /** The name of an escalation policy of the account, if there is one. */
  public Optional<String> policyName(long accountId, long policyId) {
    return jdbc.sql("select name from escalation_policies where id = ? and account_id = ?")
        .params(policyId, accountId)
        .query(String.class)
        .optional();
  }

  public List<Assignee> assignees(long incidentId) {
    return jdbc.sql(
            """
            select u.id, u.name, u.email from incident_assignees a join users u on u.id = a.user_id
            where a.incident_id = ? order by u.id""")
        .param(incidentId)
        .query(Assignee.class)
        .list();
  }

  public record IncidentRow(
      long id,
      long accountId,
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
      Instant updatedAt,
      String priority,
      Instant snoozedUntil,
      Long mergedInto) {}

  /** {@code by}: who made the entry and through which channel; null for Vigil's own entries. */
  public record TimelineEntry(Instant at, String kind, String message, Actor by) {}

  public record Actor(Long userId, String name, String via) {}

  public record Assignee(long id, String name, String email) {}
}
