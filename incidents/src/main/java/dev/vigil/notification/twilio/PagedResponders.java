package dev.vigil.notification.twilio;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who is answering a page: a phone number is known by the last SMS or call Vigil sent it through
 * the Twilio account that signed the callback, and stands for that page's user and incident.
 */
@Component
public class PagedResponders {

  private final JdbcClient jdbc;

  public PagedResponders(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The newest SMS or call page to this number through this Twilio account; a page the budget held
   * never reached the phone, so a reply is not about it.
   */
  public Optional<Paged> lastPaged(String phone, String accountSid) {
    if (phone == null || phone.isBlank()) {
      return Optional.empty();
    }
    return jdbc.sql(
            """
            select n.account_id, n.user_id, u.name as user_name, i.number as incident_number
            from notifications n
            join users u on u.id = n.user_id
            join incidents i on i.id = n.incident_id
            where n.destination = ? and n.channel in ('sms', 'voice') and n.status <> 'held'
              and (n.provider_account is null or n.provider_account = ?)
            order by n.created_at desc, n.id desc
            limit 1""")
        .params(phone.strip(), accountSid)
        .query(Paged.class)
        .optional();
  }

  /** The call of this notification, if it went through this Twilio account. */
  public Optional<Called> ofCall(long notificationId, String accountSid) {
    return jdbc.sql(
            """
            select n.account_id, n.user_id, u.name as user_name, i.number as incident_number,
                   i.urgency, s.name as service_name, i.title
            from notifications n
            join users u on u.id = n.user_id
            join incidents i on i.id = n.incident_id
            join services s on s.id = i.service_id
            where n.id = ? and n.channel = 'voice'
              and (n.provider_account is null or n.provider_account = ?)""")
        .params(notificationId, accountSid)
        .query(Called.class)
        .optional();
  }

  public record Paged(long accountId, long userId, String userName, long incidentNumber) {}

  public record Called(
      long accountId,
      long userId,
      String userName,
      long incidentNumber,
      String urgency,
      String serviceName,
      String title) {

    /** What the call said first (as the page's call script words it). */
    public String spoken() {
      return "This is Vigil. Incident "
          + incidentNumber
          + ", "
          + urgency
          + " urgency, on "
          + serviceName
          + ": "
          + title
          + ".";
    }
  }
}
