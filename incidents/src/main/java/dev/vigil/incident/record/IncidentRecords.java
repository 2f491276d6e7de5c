package dev.vigil.incident.record;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What Vigil recorded about incidents, for support staff: finding one by what a customer says, and
 * everything that happened to it (its timeline and every page with its provider's reports). Read
 * only, always within one account.
 */
@Component
public class IncidentRecords {

  private final JdbcClient jdbc;

  IncidentRecords(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * What a customer quotes; every part is optional and they narrow together.
   *
   * @param number the incident's number ("#42")
   * @param words words that must all be in the title, in any case
   * @param serviceId only that service's incidents
   * @param from opened at or after
   * @param to opened before
   */
  public record Search(Long number, String words, Long serviceId, Instant from, Instant to) {}

  public record Found(
      long number, String title, String status, String serviceName, Instant createdAt) {}

  /** Newest first, at most {@code limit}. */
  public List<Found> search(long accountId, Search search, int limit) {
    StringBuilder sql =
        new StringBuilder(
            """
            select i.number, i.title, i.status, s.name as service_name, i.created_at
            from incidents i join services s on s.id = i.service_id
            where i.account_id = :account""");
    if (search.number() != null) {
      sql.append(" and i.number = :number");
    }
    List<String> words = words(search.words());
    for (int i = 0; i < words.size(); i++) {
      sql.append(" and i.title ilike :word").append(i).append(" escape '\\'");
    }
    if (search.serviceId() != null) {
      sql.append(" and i.service_id = :service");
    }
    if (search.from() != null) {
      sql.append(" and i.created_at >= :from");
    }
    if (search.to() != null) {
      sql.append(" and i.created_at < :to");
    }
    sql.append(" order by i.number desc limit :limit");
    var statement = jdbc.sql(sql.toString()).param("account", accountId).param("limit", limit);
    if (search.number() != null) {
      statement = statement.param("number", search.number());
    }
    for (int i = 0; i < words.size(); i++) {
      statement = statement.param("word" + i, "%" + likeEscaped(words.get(i)) + "%");
    }
    if (search.serviceId() != null) {
      statement = statement.param("service", search.serviceId());
    }
    if (search.from() != null) {
      statement = statement.param("from", Timestamp.from(search.from()));
    }
    if (search.to() != null) {
      statement = statement.param("to", Timestamp.from(search.to()));
    }
    return statement.query(Found.class).list();
  }

  private static List<String> words(String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    return List.of(text.strip().toLowerCase(Locale.ROOT).split("\\s+")).stream().limit(8).toList();
  }

  private static String likeEscaped(String word) {
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  /**
   * One incident as support reads it.
   *
   * @param policyId the escalation policy its service names now (the incident may have followed an
   *     earlier version of it, or another after a reassignment: its timeline says so)
   */
  public record Recorded(
      long id,
      long number,
      String title,
      String status,
      String serviceName,
      long policyId,
      String policyName,
      Instant createdAt,
      Instant acknowledgedAt,
      Instant resolvedAt,
      String workflowId,
      String runId) {}

  public Optional<Recorded> find(long accountId, long number) {
    return jdbc.sql(
            """
            select i.id, i.number, i.title, i.status, s.name as service_name,
                   p.id as policy_id, p.name as policy_name,
                   i.created_at, i.acknowledged_at, i.resolved_at, i.workflow_id, i.run_id
            from incidents i join services s on s.id = i.service_id
                 join escalation_policies p on p.id = s.escalation_policy_id
            where i.account_id = ? and i.number = ?""")
        .params(accountId, number)
        .query(Recorded.class)
        .optional();
  }

  /**
   * A timeline entry.
   *
   * @param byName who made it, null for Vigil's own entries
   * @param via the channel they used ("SMS", "console", "REST API")
   */
  public record Entry(Instant at, String kind, String message, String byName, String via) {}

  /** In the order the incident lived them (entries without a workflow number sort by time). */
  public List<Entry> timeline(long incidentId) {
    return jdbc.sql(
            """
            select at, kind, message, by_name, via from incident_log_entries
            where incident_id = ? order by at, seq nulls last, id""")
        .param(incidentId)
        .query(Entry.class)
        .list();
  }

  /**
   * One page to one contact method, as the notification log and its provider's reports have it.
   *
   * @param at when the page fell due (the workflow's step time)
   * @param status sending, sent, delivered, failed, held, cancelled
   * @param deliveryStatus the provider's last word (Twilio's "delivered", "undelivered", ...)
   * @param heldBy the page budget's limit that held it ("1 per minute")
   * @param carriedAt when the message that carried a held page went out
   */
  public record Page(
      long id,
      Long userId,
      String userName,
      String contactLabel,
      String channel,
      String provider,
      String destination,
      String status,
      String deliveryStatus,
      String deliveryError,
      Instant deliveryUpdatedAt,
      String failure,
      Instant at,
      Instant sentAt,
      String heldBy,
      Instant releasedAt,
      Instant carriedAt) {}

  public List<Page> pages(long incidentId) {
    return jdbc.sql(
            """
            select n.id, n.user_id, u.name as user_name, c.label as contact_label, n.channel,
                   n.provider, n.destination, n.status, n.delivery_status, n.delivery_error,
                   n.delivery_updated_at, n.failure, n.created_at as at, n.sent_at, n.held_by,
                   n.released_at, b.sent_at as carried_at
            from notifications n left join users u on u.id = n.user_id
                 left join contact_methods c on c.id = n.contact_method_id
                 left join notifications b on b.id = n.bundled_into
            where n.incident_id = ? and not n.digest order by n.created_at, n.id""")
        .param(incidentId)
        .query(Page.class)
        .list();
  }

  public record Person(long id, String name, String role) {}

  /** Everyone of the account, by name. */
  public List<Person> people(long accountId) {
    return jdbc.sql("select id, name, role from users where account_id = ? order by name, id")
        .param(accountId)
        .query(Person.class)
        .list();
  }

  /** The user's own time zone, else the account's. */
  public String timeZone(long accountId, Long userId) {
    return jdbc.sql(
            """
            select coalesce((select u.time_zone from users u where u.id = ? and u.account_id = a.id),
                            a.time_zone)
            from accounts a where a.id = ?""")
        .params(userId, accountId)
        .query(String.class)
        .optional()
        .orElse("UTC");
  }
}
