package dev.vigil.incident.record;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The timeline entry of an alert that joined an incident by its service's grouping rather than by
 * the incident's dedup key (docs/decisions/0041): responders see why it is there, and that it paged
 * nobody. Written by whoever attaches the alert, in the same transaction, once per alert.
 */
final class GroupedAlerts {

  static final String KIND = "alert_grouped";

  private GroupedAlerts() {}

  /** Nothing when the alert's dedup key is the incident's (a plain duplicate). */
  static void record(JdbcClient jdbc, long incidentId, long alertId) {
    jdbc.sql(
            """
            insert into incident_log_entries (account_id, incident_id, seq, at, kind, message)
            select a.account_id, i.id, null, a.received_at, ?,
                   'Alert grouped into this incident (no new page): ' || a.summary
                       || ' (dedup key ' || a.dedup_key || ')'
            from alerts a join incidents i on i.id = ?
            where a.id = ? and a.dedup_key is not null and a.dedup_key <> i.dedup_key""")
        .params(KIND, incidentId, alertId)
        .update();
  }
}
