package dev.vigil.testsupport;

import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The incident record as the REST API and console show it: incidents, their timeline and assignees,
 * always read within one account.
 */
public final class IncidentRecords {

  private final JdbcClient jdbc;
  private final DataSource dataSource;

  public IncidentRecords(JdbcClient jdbc, DataSource dataSource) {
    this.jdbc = jdbc;
    this.dataSource = dataSource;
  }

  /** The account's incidents by number. */
  public List<Incident> incidents(long accountId) {
    return jdbc.sql(
            """
            select id, number, dedup_key, title, status, workflow_id, run_id, alert_count, created_at,
                   acknowledged_at, resolved_at
            from incidents where account_id = ? order by number""")
        .param(accountId)
        .query(
            (rs, n) ->
                new Incident(
                    rs.getLong("id"),
                    rs.getLong("number"),
                    rs.getString("dedup_key"),
                    rs.getString("title"),
                    rs.getString("status"),
                    rs.getString("workflow_id"),
                    rs.getString("run_id"),
                    rs.getInt("alert_count"),
                    instant(rs, "created_at"),
                    instant(rs, "acknowledged_at"),
                    instant(rs, "resolved_at")))
        .list();
  }

  public Incident incident(long accountId, long number) {
    return incidents(accountId).stream()
        .filter(i -> i.number() == number)
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("account " + accountId + " has no incident #" + number));
  }

  /** Waits (in real time) until incident #number exists and matches. */
  public Incident awaitIncident(long accountId, long number, Predicate<Incident> condition) {
    return await("incident #%d of account %d".formatted(number, accountId))
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () ->
                incidents(accountId).stream()
                    .filter(i -> i.number() == number)
                    .findFirst()
                    .orElse(null),
            incident -> incident != null && condition.test(incident));
  }

  /** The incident's timeline, in the order the workflow numbered it. */
  public List<Entry> timeline(long accountId, long incidentId) {
    return jdbc.sql(
            """
            select seq, at, kind, message from incident_log_entries
            where account_id = ? and incident_id = ? order by seq""")
        .params(accountId, incidentId)
        .query(
            (rs, n) ->
                new Entry(
                    rs.getInt("seq"),
                    instant(rs, "at"),
                    rs.getString("kind"),
                    rs.getString("message")))
        .list();
  }

  /** Who the incident is assigned to now, by name. */
  public List<String> assignees(long accountId, long incidentId) {
    return jdbc.sql(
            """
            select u.name from incident_assignees a join users u on u.id = a.user_id
            where a.account_id = ? and a.incident_id = ? order by u.name""")
        .params(accountId, incidentId)
        .query(String.class)
        .list();
  }

  /** Ids of the alerts grouped into the incident. */
  public List<Long> alertIds(long accountId, long incidentId) {
    return jdbc.sql("select id from alerts where account_id = ? and incident_id = ? order by id")
        .params(accountId, incidentId)
        .query(Long.class)
        .list();
  }

  /**
   * Runs {@code body} while another transaction holds the incident's row lock: every activity that
   * writes the incident (a status change, an alert count) waits until {@code body} returns. Tests
   * use it to hold a workflow at a point, on the real database, instead of racing it.
   */
  public void whileRowLocked(long incidentId, Runnable body) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement lock =
          connection.prepareStatement("select id from incidents where id = ? for update")) {
        lock.setLong(1, incidentId);
        lock.executeQuery().close();
        body.run();
      } finally {
        connection.rollback();
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not lock incident " + incidentId, e);
    }
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp value = rs.getTimestamp(column);
    return value == null ? null : value.toInstant();
  }

  public record Incident(
      long id,
      long number,
      String dedupKey,
      String title,
      String status,
      String workflowId,
      String runId,
      int alertCount,
      Instant createdAt,
      Instant acknowledgedAt,
      Instant resolvedAt) {}

  public record Entry(int seq, Instant at, String kind, String message) {}
}
