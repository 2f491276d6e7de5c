package dev.vigil.notification.devinbox;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** What {@link DevInboxProvider} delivered, newest first: the dev inbox's pages. */
@Component
public class DevInboxMessages {

  private final JdbcClient jdbc;

  DevInboxMessages(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public List<Message> latest(int limit) {
    return jdbc.sql(
            """
            select id, channel, recipient as "to", subject, body, incident_number, created_at
            from dev_inbox_messages order by id desc limit ?""")
        .param(limit)
        .query(Message.class)
        .list();
  }

  /** What was delivered to one account's people, newest first: the console's inbox page. */
  public List<Message> latest(long accountId, int limit) {
    return jdbc.sql(
            """
            select id, channel, recipient as "to", subject, body, incident_number, created_at
            from dev_inbox_messages where account_id = ? order by id desc limit ?""")
        .params(accountId, limit)
        .query(Message.class)
        .list();
  }

  public record Message(
      long id,
      String channel,
      String to,
      String subject,
      String body,
      long incidentNumber,
      Instant createdAt) {}
}
