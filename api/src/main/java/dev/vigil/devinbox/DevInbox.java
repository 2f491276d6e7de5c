package dev.vigil.devinbox;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads what the dev inbox provider delivered, newest first. */
@Component
class DevInbox {

  private final JdbcClient jdbc;

  DevInbox(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  List<Message> latest(int limit) {
    return jdbc.sql(
            """
            select id, channel, recipient as "to", subject, body, incident_number, created_at
            from dev_inbox_messages order by id desc limit ?""")
        .param(limit)
        .query(Message.class)
        .list();
  }

  record Message(
      long id,
      String channel,
      String to,
      String subject,
      String body,
      long incidentNumber,
      Instant createdAt) {}
}
