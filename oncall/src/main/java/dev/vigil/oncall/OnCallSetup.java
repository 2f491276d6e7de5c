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
      for (long scheduleId : level.scheduleIds()) {
        jdbc.sql(
                "insert into escalation_targets (account_id, level_id, schedule_id) values (?, ?, ?)")
            .params(accountId, levelId, scheduleId)
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

  /** A level paging users and whoever is on call on schedules. */
  public record LevelSpec(int delaySeconds, List<Long> userIds, List<Long> scheduleIds) {

    public LevelSpec(int delaySeconds, List<Long> userIds) {
      this(delaySeconds, userIds, List.of());
    }
  }

  public long createSchedule(long accountId, String name, String timeZone) {
    return jdbc.sql(
            "insert into schedules (account_id, name, time_zone) values (?, ?, ?) returning id")
        .params(accountId, name, timeZone)
        .query(Long.class)
        .single();
  }

  /** A rotation layer; members take turns in order from {@code firstHandoff} (schedule-local). */
  @Transactional
  public long addLayer(
      long accountId,
      long scheduleId,
      int position,
      String name,
      java.time.Instant start,
      java.time.LocalDateTime firstHandoff,
      int rotationLength,
      String rotationUnit,
      List<Long> members) {
    long layerId =
        jdbc.sql(
                """
                insert into schedule_layers (account_id, schedule_id, position, name, start_at, first_handoff,
                                             rotation_length, rotation_unit)
                values (?, ?, ?, ?, ?, ?, ?, ?) returning id""")
            .params(
                accountId,
                scheduleId,
                position,
                name,
                java.sql.Timestamp.from(start),
                firstHandoff,
                rotationLength,
                rotationUnit)
            .query(Long.class)
            .single();
    for (int i = 0; i < members.size(); i++) {
      jdbc.sql(
              "insert into schedule_layer_members (account_id, layer_id, position, user_id) values (?, ?, ?, ?)")
          .params(accountId, layerId, i, members.get(i))
          .update();
    }
    return layerId;
  }

  public long addOverride(
      long accountId,
      long scheduleId,
      long userId,
      java.time.Instant start,
      java.time.Instant end) {
    return jdbc.sql(
            "insert into schedule_overrides (account_id, schedule_id, user_id, start_at, end_at)"
                + " values (?, ?, ?, ?, ?) returning id")
        .params(
            accountId,
            scheduleId,
            userId,
            java.sql.Timestamp.from(start),
            java.sql.Timestamp.from(end))
        .query(Long.class)
        .single();
  }
}
