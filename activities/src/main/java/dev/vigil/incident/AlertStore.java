package dev.vigil.incident;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Stores a triggering event as an alert before the workflow hears of it. The row is unattached
 * until the incident workflow claims it; an event whose hand-over to Temporal failed was answered
 * with an error, so the sender retries and the unattached row is harmless.
 */
@Component
public class AlertStore {

  private final JdbcClient jdbc;

  public AlertStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public long store(long accountId, NewAlert alert) {
    return jdbc.sql(
            """
            insert into alerts (account_id, event_id, summary, source, severity, component, "group", class,
                                custom_details, client, client_url, images, links, event_timestamp, received_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?::jsonb, ?::jsonb, ?, ?)
            returning id""")
        .params(
            accountId,
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
            Timestamp.from(alert.receivedAt()))
        .query(Long.class)
        .single();
  }

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
