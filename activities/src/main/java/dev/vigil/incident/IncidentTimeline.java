package dev.vigil.incident;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Appends timeline (log) entries. The workflow numbers them, so appending is idempotent. */
@Component
public class IncidentTimeline {

  private final JdbcClient jdbc;

  public IncidentTimeline(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void append(
      long accountId, long incidentId, int seq, Instant at, String kind, String message) {
    jdbc.sql(
            """
            insert into incident_log_entries (account_id, incident_id, seq, at, kind, message)
            values (?, ?, ?, ?, ?, ?)
            on conflict (incident_id, seq) do nothing""")
        .params(accountId, incidentId, seq, Timestamp.from(at), kind, message)
        .update();
  }
}
