package dev.vigil.notification.delivery;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What signed email links need from PostgreSQL: the signing key when none is configured, and the
 * page a link names.
 */
@Component
public class EmailLinkStore {

  private final JdbcClient jdbc;

  public EmailLinkStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The key links are signed with: the candidate when none is kept yet, else the one kept. Every
   * replica gets the same key, and links outlive a restart.
   */
  public byte[] signingSecret(byte[] candidate) {
    jdbc.sql(
            "insert into signing_secrets (name, secret) values ('email-links', ?)"
                + " on conflict (name) do nothing")
        .param(candidate)
        .update();
    return jdbc.sql("select secret from signing_secrets where name = 'email-links'")
        .query(byte[].class)
        .single();
  }

  /** The incident and the paged user a link names; the page must belong to the incident. */
  public Optional<Target> target(long notificationId, long incidentId) {
    return jdbc.sql(
            """
            select i.account_id, i.number, i.title, u.id as user_id, u.name as user_name
            from notifications n
            join incidents i on i.id = n.incident_id
            join users u on u.id = n.user_id
            where n.id = ? and i.id = ?""")
        .params(notificationId, incidentId)
        .query(Target.class)
        .optional();
  }

  /** The incident's number, for its page in the console. */
  public Optional<Long> incidentNumber(long incidentId) {
    return jdbc.sql("select number from incidents where id = ?")
        .param(incidentId)
        .query(Long.class)
        .optional();
  }

  public record Target(long accountId, long number, String title, long userId, String userName) {}
}
