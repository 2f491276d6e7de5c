package dev.vigil.oncall.user;

import dev.vigil.oncall.OnCallRefusal;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * How a user wants to be woken: per urgency, a channel on one of their contact methods after a
 * delay. Email goes to an email address, SMS and voice to a phone.
 */
@Component
public class NotificationRules {

  private final JdbcClient jdbc;
  private final UserStore users;

  NotificationRules(JdbcClient jdbc, UserStore users) {
    this.jdbc = jdbc;
    this.users = users;
  }

  public record NotificationRule(
      long id,
      String urgency,
      long contactMethodId,
      String channel,
      int delayMinutes,
      Instant createdAt) {}

  /** Ordered by urgency, then delay. */
  public List<NotificationRule> list(long accountId, long userId, String urgency) {
    users.require(accountId, userId);
    if (urgency != null && !urgency.matches("high|low")) {
      throw OnCallRefusal.invalid("urgency", "must be one of high, low");
    }
    return jdbc.sql(
            """
            select id, urgency, contact_method_id, channel, delay_minutes, created_at
            from notification_rules
            where account_id = ? and user_id = ? and (cast(? as text) is null or urgency = ?)
            order by urgency, delay_minutes, id""")
        .params(accountId, userId, urgency, urgency)
        .query(NotificationRule.class)
        .list();
  }

  /**
   * @param urgency "high" or "low", {@code channel} "sms", "voice" or "email" (checked by the
   *     caller)
   */
  @Transactional
  public NotificationRule add(
      long accountId,
      long userId,
      String urgency,
      long contactMethodId,
      String channel,
      int delayMinutes) {
    users.require(accountId, userId);
    String kind =
        jdbc.sql("select kind from contact_methods where account_id = ? and user_id = ? and id = ?")
            .params(accountId, userId, contactMethodId)
            .query(String.class)
            .optional()
            .orElseThrow(
                () ->
                    OnCallRefusal.invalid(
                        "contact_method_id", "is not one of this user's contact methods"));
    boolean emailChannel = "email".equals(channel);
    if (emailChannel != "email".equals(kind)) {
      throw OnCallRefusal.invalid(
          "channel",
          emailChannel ? "email needs an email contact method" : channel + " needs a phone");
    }
    return jdbc.sql(
            """
            insert into notification_rules (account_id, user_id, urgency, contact_method_id, channel, delay_minutes)
            values (?, ?, ?, ?, ?, ?)
            on conflict do nothing
            returning id, urgency, contact_method_id, channel, delay_minutes, created_at""")
        .params(accountId, userId, urgency, contactMethodId, channel, delayMinutes)
        .query(NotificationRule.class)
        .optional()
        .orElseThrow(() -> OnCallRefusal.conflict("The user already has this rule"));
  }

  public void remove(long accountId, long userId, long id) {
    users.require(accountId, userId);
    int deleted =
        jdbc.sql("delete from notification_rules where account_id = ? and user_id = ? and id = ?")
            .params(accountId, userId, id)
            .update();
    if (deleted == 0) {
      throw OnCallRefusal.notFound("Notification rule " + id);
    }
  }
}
