package dev.vigil.oncall;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates accounts and their on-call configuration: used by the bootstrap and demo seed, and by
 * tests to set up the teams they page.
 */
@Component
public class OnCallSetup {

  private final JdbcClient jdbc;

  public OnCallSetup(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public long createAccount(String name, String homeCountry, String timeZone) {
    return jdbc.sql(
            "insert into accounts (name, home_country, time_zone) values (?, ?, ?) returning id")
        .params(name, homeCountry, timeZone)
        .query(Long.class)
        .single();
  }

  public long createUser(long accountId, String name, String email, String role) {
    long userId =
        jdbc.sql(
                "insert into users (account_id, name, email, role) values (?, ?, ?, ?) returning id")
            .params(accountId, name, email, role)
            .query(Long.class)
            .single();
    addContactMethod(accountId, userId, "email", email);
    return userId;
  }

  /**
   * @param kind "phone" (an E.164 number) or "email"
   */
  public long addContactMethod(long accountId, long userId, String kind, String address) {
    return jdbc.sql(
            "insert into contact_methods (account_id, user_id, kind, address) values (?, ?, ?, ?) returning id")
        .params(accountId, userId, kind, address)
        .query(Long.class)
        .single();
  }

  /** "SMS at once", "call after 2 minutes": one step of a user's notification rules. */
  public long addNotificationRule(
      long accountId,
      long userId,
      String urgency,
      long contactMethodId,
      String channel,
      int delayMinutes) {
    return jdbc.sql(
            "insert into notification_rules (account_id, user_id, urgency, contact_method_id, channel,"
                + " delay_minutes) values (?, ?, ?, ?, ?, ?) returning id")
        .params(accountId, userId, urgency, contactMethodId, channel, delayMinutes)
        .query(Long.class)
        .single();
  }

  /** Levels in order; each pages its users, then waits its delay before the next. */
  @Transactional
  public long createPolicy(long accountId, String name, int repeatCount, List<LevelSpec> levels) {
    long policyId =
        jdbc.sql(
                "insert into escalation_policies (account_id, name, repeat_count) values (?, ?, ?) returning id")
            .params(accountId, name, repeatCount)
            .query(Long.class)
            .single();
    int position = 1;
    for (LevelSpec level : levels) {
      long levelId =
          jdbc.sql(
                  "insert into escalation_levels (account_id, policy_id, position, delay_seconds)"
                      + " values (?, ?, ?, ?) returning id")
              .params(accountId, policyId, position++, level.delaySeconds())
              .query(Long.class)
              .single();
      for (long userId : level.userIds()) {
        jdbc.sql("insert into escalation_targets (account_id, level_id, user_id) values (?, ?, ?)")
            .params(accountId, levelId, userId)
            .update();
      }
    }
    return policyId;
  }

  public long createService(long accountId, String name, long policyId, String urgencyRule) {
    return jdbc.sql(
            "insert into services (account_id, name, escalation_policy_id, urgency_rule) values (?, ?, ?, ?)"
                + " returning id")
        .params(accountId, name, policyId, urgencyRule)
        .query(Long.class)
        .single();
  }

  /** Null leaves a timer off. */
  public void setServiceTimeouts(
      long accountId, long serviceId, Integer ackTimeoutSeconds, Integer autoResolveSeconds) {
    jdbc.sql(
            "update services set ack_timeout_seconds = ?, auto_resolve_timeout_seconds = ?"
                + " where account_id = ? and id = ?")
        .params(ackTimeoutSeconds, autoResolveSeconds, accountId, serviceId)
        .update();
  }

  public void addIntegrationKey(long accountId, long serviceId, String routingKey) {
    jdbc.sql("insert into integration_keys (account_id, service_id, routing_key) values (?, ?, ?)")
        .params(accountId, serviceId, routingKey)
        .update();
  }

  public record LevelSpec(int delaySeconds, List<Long> userIds) {}
}
