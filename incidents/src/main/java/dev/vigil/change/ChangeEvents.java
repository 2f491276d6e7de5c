package dev.vigil.change;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Change events (deploys, configuration changes) as PagerDuty's Change Events API sends them, kept
 * per service so responders see what changed around an incident. They never open an incident. Every
 * read is scoped by account id.
 */
@Component
public class ChangeEvents {

  private final JdbcClient jdbc;

  public ChangeEvents(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public long store(long accountId, long serviceId, NewChange change) {
    return jdbc.sql(
            """
            insert into change_events (account_id, service_id, summary, source, happened_at,
                                       custom_details, links, received_at)
            values (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?) returning id""")
        .params(
            accountId,
            serviceId,
            change.summary(),
            change.source(),
            Timestamp.from(change.happenedAt()),
            change.customDetailsJson(),
            change.linksJson(),
            Timestamp.from(change.receivedAt()))
        .query(Long.class)
        .single();
  }

  /**
   * Newest first; {@code serviceId}, {@code since} and {@code until} (on when the change happened)
   * narrow it when given. Reads {@code limit + 1} rows from {@code offset}.
   */
  public List<StoredChange> list(
      long accountId, Long serviceId, Instant since, Instant until, int fetch, int offset) {
    return jdbc.sql(
            """
            select c.id, c.service_id, s.name as service_name, c.summary, c.source, c.happened_at,
                   c.custom_details::text as custom_details_json, c.links::text as links_json,
                   c.received_at
            from change_events c join services s on s.id = c.service_id
            where c.account_id = :account
              and (cast(:service as bigint) is null or c.service_id = :service)
              and (cast(:since as timestamptz) is null or c.happened_at >= :since)
              and (cast(:until as timestamptz) is null or c.happened_at < :until)
            order by c.happened_at desc, c.id desc limit :limit offset :offset""")
        .param("account", accountId)
        .param("service", serviceId)
        .param("since", since == null ? null : Timestamp.from(since))
        .param("until", until == null ? null : Timestamp.from(until))
        .param("limit", fetch)
        .param("offset", offset)
        .query(StoredChange.class)
        .list();
  }

  /** How long before an incident opened a change still counts as "around" it. */
  public static final java.time.Duration BEFORE_AN_INCIDENT = java.time.Duration.ofHours(2);

  /** At most this many changes are shown with an incident. */
  public static final int AROUND_AN_INCIDENT = 10;

  /**
   * The service's changes around an incident, newest first: from {@link #BEFORE_AN_INCIDENT} before
   * it opened until it was resolved (or now, while it is open), at most {@link
   * #AROUND_AN_INCIDENT}. What a responder asks first: what changed?
   */
  public List<StoredChange> around(
      long accountId, long serviceId, Instant opened, Instant resolved) {
    return list(
        accountId, serviceId, opened.minus(BEFORE_AN_INCIDENT), resolved, AROUND_AN_INCIDENT, 0);
  }

  /** A change as received; JSON parts as raw JSON text. */
  public record NewChange(
      String summary,
      String source,
      Instant happenedAt,
      String customDetailsJson,
      String linksJson,
      Instant receivedAt) {}

  public record StoredChange(
      long id,
      long serviceId,
      String serviceName,
      String summary,
      String source,
      Instant happenedAt,
      String customDetailsJson,
      String linksJson,
      Instant receivedAt) {}
}
