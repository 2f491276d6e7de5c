package dev.vigil.incident.record;

import dev.vigil.incident.Responder;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Appends timeline (log) entries. The workflow numbers its entries, so appending them is
 * idempotent; entries from outside the workflow (a provider's delivery report) have no number, and
 * whoever writes them keeps them from repeating. Every entry written is told to the {@link
 * TimelineListener}s.
 */
@Component
public class IncidentTimeline {

  private final JdbcClient jdbc;
  private final List<TimelineListener> listeners;

  public IncidentTimeline(JdbcClient jdbc, ObjectProvider<TimelineListener> listeners) {
    this.jdbc = jdbc;
    this.listeners = listeners.orderedStream().toList();
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
    tell(new TimelineEntry(accountId, incidentId, seq, at, kind, message, null));
  }

  /** An entry made by someone: the timeline names who and through which channel. */
  public void append(
      long accountId,
      long incidentId,
      int seq,
      Instant at,
      String kind,
      String message,
      Responder by) {
    jdbc.sql(
            """
            insert into incident_log_entries
                (account_id, incident_id, seq, at, kind, message, by_user_id, by_name, via)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (incident_id, seq) do nothing""")
        .params(
            accountId,
            incidentId,
            seq,
            Timestamp.from(at),
            kind,
            message,
            by.userId(),
            by.name(),
            by.via())
        .update();
    tell(new TimelineEntry(accountId, incidentId, seq, at, kind, message, by));
  }

  /** An entry no workflow numbered; it sorts by time among the others. */
  public void appendUnnumbered(
      long accountId, long incidentId, Instant at, String kind, String message) {
    jdbc.sql(
            """
            insert into incident_log_entries (account_id, incident_id, seq, at, kind, message)
            values (?, ?, null, ?, ?, ?)""")
        .params(accountId, incidentId, Timestamp.from(at), kind, message)
        .update();
    tell(new TimelineEntry(accountId, incidentId, null, at, kind, message, null));
  }

  private void tell(TimelineEntry entry) {
    listeners.forEach(listener -> listener.entryWritten(entry));
  }
}
