package dev.vigil.testsupport;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the dev inbox provider delivered to an account's people: the pages a user would have got on
 * their phone or in their mailbox.
 */
public final class DevInbox {

  private final JdbcClient jdbc;

  public DevInbox(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The account's messages, oldest page first. */
  public List<Message> messages(long accountId) {
    return jdbc.sql(
            """
            select m.incident_number, m.channel, m.recipient, m.subject, m.body, n.created_at as paged_at
            from dev_inbox_messages m
            join notifications n on n.id = m.notification_id
            where m.account_id = ?
            order by n.created_at, m.id""")
        .param(accountId)
        .query(
            (rs, n) ->
                new Message(
                    rs.getLong("incident_number"),
                    rs.getString("channel"),
                    rs.getString("recipient"),
                    rs.getString("subject"),
                    rs.getString("body"),
                    rs.getTimestamp("paged_at").toInstant()))
        .list();
  }

  /**
   * Waits (in real time) until the account has at least {@code count} messages and returns them
   * all, so a test can still see one page too many.
   */
  public List<Message> awaitMessages(long accountId, int count) {
    return await("%d dev inbox messages for account %d".formatted(count, accountId))
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> messages(accountId), messages -> messages.size() >= count)
        .stream()
        .toList();
  }

  /**
   * One page.
   *
   * @param pagedAt when the workflow sent it, on the workflow's clock (the notification's time)
   */
  public record Message(
      long incidentNumber,
      String channel,
      String recipient,
      String subject,
      String body,
      Instant pagedAt) {}
}
