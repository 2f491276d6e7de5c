package dev.vigil.incident.record;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** The incident records the reconciler checks against Temporal, and how it closes one. */
@Component
public class OpenIncidents {

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;
  private final IncidentTimeline timeline;

  OpenIncidents(JdbcClient jdbc, TransactionTemplate tx, IncidentTimeline timeline) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.timeline = timeline;
  }

  /** Incidents not resolved that were recorded before {@code before}, oldest first. */
  List<OpenIncidentRow> recordedBefore(Instant before) {
    return jdbc.sql(
            """
            select id, account_id, service_id, dedup_key, number, workflow_id, run_id
            from incidents where status <> 'resolved' and created_at < ? order by id""")
        .param(Timestamp.from(before))
        .query(OpenIncidentRow.class)
        .list();
  }

  /**
   * Resolves the incident with a timeline entry saying why, if its record still names the same run
   * and it is not resolved meanwhile; false when it changed nothing.
   */
  boolean close(OpenIncidentRow incident, Instant now, String why) {
    return Boolean.TRUE.equals(
        tx.execute(
            transaction -> {
              int updated =
                  jdbc.sql(
                          """
                          update incidents set status = 'resolved', resolved_at = ?, updated_at = ?
                          where id = ? and run_id = ? and status <> 'resolved'""")
                      .params(
                          Timestamp.from(now), Timestamp.from(now), incident.id(), incident.runId())
                      .update();
              if (updated == 0) {
                return false;
              }
              timeline.appendUnnumbered(incident.accountId(), incident.id(), now, "closed", why);
              return true;
            }));
  }

  record OpenIncidentRow(
      long id,
      long accountId,
      long serviceId,
      String dedupKey,
      long number,
      String workflowId,
      String runId) {}
}
