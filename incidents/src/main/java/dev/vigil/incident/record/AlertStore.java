package dev.vigil.incident.record;

import dev.vigil.incident.IncidentKey;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores a triggering event as an alert before the workflow hears of it. The row is unattached
 * until the incident workflow claims it; an event whose hand-over to Temporal failed was answered
 * with an error, so the sender retries and the unattached row is harmless.
 */
@Component
public class AlertStore {

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;

  public AlertStore(JdbcClient jdbc, TransactionTemplate tx) {
    this.jdbc = jdbc;
    this.tx = tx;
  }

  public long store(long accountId, NewAlert alert) {
    return insert(accountId, null, null, alert);
  }

  /** The same, keeping the alert's own dedup key (its incident's may differ when grouped). */
  public long store(long accountId, String dedupKey, NewAlert alert) {
    return insert(accountId, null, dedupKey, alert);
  }

  /**
   * An alert that arrived during a maintenance window: kept, attached to no incident, and never
   * handed to a workflow, so it pages nobody now or when the window ends.
   */
  public long storeSuppressed(
      long accountId, long serviceId, String dedupKey, long windowId, NewAlert alert) {
    return tx.execute(
        status -> {
          long alertId = insert(accountId, null, dedupKey, alert);
          jdbc.sql(
                  "update alerts set suppressed_at = ?, maintenance_window_id = ?,"
                      + " suppressed_service_id = ? where id = ?")
              .params(Timestamp.from(alert.receivedAt()), windowId, serviceId, alertId)
              .update();
          return alertId;
        });
  }

  /**
   * The alert of an incident made by hand: it opens an incident of its own (its dedup key is new),
   * with the urgency chosen and, when given, assigned to a user rather than the service's policy.
   */
  public long storeManual(long accountId, NewAlert alert, String urgency, Long assigneeUserId) {
    return tx.execute(
        status -> {
          long alertId = insert(accountId, null, null, alert);
          jdbc.sql("update alerts set manual_urgency = ?, assignee_user_id = ? where id = ?")
              .params(urgency, assigneeUserId, alertId)
              .update();
          return alertId;
        });
  }

  /** How an alert made by hand asks its incident to open; empty for monitoring events. */
  Optional<ManualOpening> manualOpening(long alertId) {
    return jdbc.sql(
            """
            select a.manual_urgency as urgency, a.assignee_user_id, u.name as assignee_name, a.client
            from alerts a left join users u on u.id = a.assignee_user_id
            where a.id = ? and a.manual_urgency is not null""")
        .param(alertId)
        .query(ManualOpening.class)
        .optional();
  }

  /** {@code client}: who made it, as the timeline names them. */
  record ManualOpening(String urgency, Long assigneeUserId, String assigneeName, String client) {}

  private long insert(long accountId, Long incidentId, String dedupKey, NewAlert alert) {
    return jdbc.sql(
            """
            insert into alerts (account_id, incident_id, event_id, summary, source, severity, component,
                                "group", class, custom_details, client, client_url, images, links,
                                event_timestamp, received_at, dedup_key)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?)
            returning id""")
        .params(
            accountId,
            incidentId,
            alert.eventId(),
            alert.summary(),
            alert.source(),
            alert.severity(),
            alert.component(),
            alert.group(),
            alert.eventClass(),
            alert.customDetailsJson(),
            alert.client(),
            alert.clientUrl(),
            alert.imagesJson(),
            alert.linksJson(),
            alert.eventTimestamp() == null ? null : Timestamp.from(alert.eventTimestamp()),
            Timestamp.from(alert.receivedAt()),
            dedupKey)
        .query(Long.class)
        .single();
  }

  /**
   * A duplicate of an open incident: the alert joins it here, in one transaction, and its workflow
   * is not woken (docs/decisions/0022). The incident row is locked so the join and a resolution
   * being recorded are ordered: a duplicate either joins before the incident is resolved, or finds
   * it resolved (or its resolution requested) and goes to the workflow, which opens the next one.
   * Empty when no open incident of the key takes duplicates here.
   */
  public Optional<Joined> joinOpenIncident(IncidentKey key, NewAlert alert) {
    return joinOpenIncident(key, key.dedupKey(), alert);
  }

  /**
   * As above, for an alert whose own dedup key may differ from the incident's: a grouped alert
   * (docs/decisions/0041). Joining under another key is said on the incident's timeline.
   */
  public Optional<Joined> joinOpenIncident(IncidentKey key, String alertDedupKey, NewAlert alert) {
    return tx.execute(
        status -> {
          Optional<Joined> open =
              jdbc.sql(
                      """
                      select id as incident_id, workflow_id, run_id from incidents
                      where service_id = ? and dedup_key = ? and status <> 'resolved'
                        and resolve_requested_at is null and joins_alerts
                      for update""")
                  .params(key.serviceId(), key.dedupKey())
                  .query((rs, n) -> new Joined(0, rs.getLong(1), rs.getString(2), rs.getString(3)))
                  .optional();
          if (open.isEmpty()) {
            open = mergedInto(key);
          }
          if (open.isEmpty()) {
            return Optional.<Joined>empty();
          }
          long alertId = insert(key.accountId(), open.get().incidentId(), alertDedupKey, alert);
          if (!key.dedupKey().equals(alertDedupKey)) {
            GroupedAlerts.record(jdbc, open.get().incidentId(), alertId);
          }
          Timestamp at = Timestamp.from(alert.receivedAt());
          jdbc.sql(
                  """
                  update incidents set alert_count = alert_count + 1,
                         last_alert_at = greatest(last_alert_at, ?), updated_at = greatest(updated_at, ?)
                  where id = ?""")
              .params(at, at, open.get().incidentId())
              .update();
          return Optional.of(
              new Joined(
                  alertId, open.get().incidentId(), open.get().workflowId(), open.get().runId()));
        });
  }

  /**
   * With no open incident for the key: the open incident the key's last incident was merged into,
   * which its duplicates join from then on (docs/decisions/0035). Locked as above.
   */
  private Optional<Joined> mergedInto(IncidentKey key) {
    return jdbc.sql(
            """
            select t.id as incident_id, t.workflow_id, t.run_id
            from incidents s join incidents t on t.id = s.merged_into_id
            where s.service_id = ? and s.dedup_key = ? and s.merged_into_id is not null
              and t.status <> 'resolved' and t.resolve_requested_at is null and t.joins_alerts
            order by s.id desc limit 1
            for update of t""")
        .params(key.serviceId(), key.dedupKey())
        .query((rs, n) -> new Joined(0, rs.getLong(1), rs.getString(2), rs.getString(3)))
        .optional();
  }

  /** An alert that joined an open incident, and the run that holds it. */
  public record Joined(long alertId, long incidentId, String workflowId, String runId) {}

  /** An event as received, JSON parts as raw JSON text. */
  public record NewAlert(
      UUID eventId,
      String summary,
      String source,
      String severity,
      String component,
      String group,
      String eventClass,
      String customDetailsJson,
      String client,
      String clientUrl,
      String imagesJson,
      String linksJson,
      Instant eventTimestamp,
      Instant receivedAt) {}
}
