package dev.vigil.testsupport;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The notification log of an account: one row per page, as billing reads it. */
public final class Notifications {

  private final JdbcClient jdbc;

  public Notifications(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public List<Row> of(long accountId) {
    return jdbc.sql(
            """
            select n.id, n.channel, n.provider, n.provider_account, n.provider_message_id, n.status,
                   n.failure, n.segments, n.destination_country, n.sent_at is not null as sent,
                   n.delivery_status, n.call_duration_seconds
            from notifications n where n.account_id = ? order by n.id""")
        .param(accountId)
        .query(
            (rs, i) ->
                new Row(
                    rs.getLong("id"),
                    rs.getString("channel"),
                    rs.getString("provider"),
                    rs.getString("provider_account"),
                    rs.getString("provider_message_id"),
                    rs.getString("status"),
                    rs.getString("failure"),
                    (Integer) rs.getObject("segments"),
                    rs.getString("destination_country"),
                    rs.getBoolean("sent"),
                    rs.getString("delivery_status"),
                    (Integer) rs.getObject("call_duration_seconds")))
        .list();
  }

  /** Waits (in real time) until the account's row on the channel matches. */
  public Row await(long accountId, String channel, Predicate<Row> condition) {
    return org.awaitility.Awaitility.await(
            "%s notification of account %d".formatted(channel, accountId))
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () ->
                of(accountId).stream()
                    .filter(r -> r.channel().equals(channel))
                    .findFirst()
                    .orElse(null),
            row -> row != null && condition.test(row));
  }

  public record Row(
      long id,
      String channel,
      String provider,
      String providerAccount,
      String providerMessageId,
      String status,
      String failure,
      Integer segments,
      String destinationCountry,
      boolean sent,
      String deliveryStatus,
      Integer callDurationSeconds) {}
}
