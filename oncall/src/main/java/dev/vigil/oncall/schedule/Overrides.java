package dev.vigil.oncall.schedule;

import dev.vigil.oncall.OnCallRefusal;
import dev.vigil.oncall.Paging;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Overrides put one user of the account on call over every layer of a schedule for a while; among
 * overlapping overrides the one created later wins (the engine's rule).
 */
@Component
public class Overrides {

  private final JdbcClient jdbc;
  private final ScheduleStore schedules;

  Overrides(JdbcClient jdbc, ScheduleStore schedules) {
    this.jdbc = jdbc;
    this.schedules = schedules;
  }

  /** An override as stored, with its user's name. */
  public record StoredOverride(
      long id, long userId, String userName, Instant start, Instant end, Instant createdAt) {}

  /**
   * Overrides overlapping [since, until), by start; {@code until} null for no end. One row more
   * than the page: see {@link Paging#fetch()}.
   */
  public List<StoredOverride> list(
      long accountId, long scheduleId, Instant since, Instant until, Paging page) {
    requireSchedule(accountId, scheduleId);
    if (until != null && !until.isAfter(since)) {
      throw OnCallRefusal.invalid("until", "must be after since");
    }
    return jdbc.sql(
            """
            select o.id, o.user_id, u.name, o.start_at, o.end_at, o.created_at
            from schedule_overrides o join users u on u.id = o.user_id
            where o.account_id = :account and o.schedule_id = :schedule
              and o.end_at > :since
              and (cast(:until as timestamptz) is null or o.start_at < :until)
            order by o.start_at, o.id limit :limit offset :offset""")
        .param("account", accountId)
        .param("schedule", scheduleId)
        .param("since", Timestamp.from(since))
        .param("until", until == null ? null : Timestamp.from(until))
        .param("limit", page.fetch())
        .param("offset", page.offset())
        .query(Overrides::row)
        .list();
  }

  /** Puts a user of the account on call over every layer for [start, end). */
  public StoredOverride add(
      long accountId, long scheduleId, long userId, Instant start, Instant end) {
    requireSchedule(accountId, scheduleId);
    if (!end.isAfter(start)) {
      throw OnCallRefusal.invalid("end", "must be after start");
    }
    if (schedules.usersAmong(accountId, List.of(userId)).isEmpty()) {
      throw OnCallRefusal.invalid("user_id", "is not a user of this account");
    }
    return jdbc.sql(
            """
            with o as (
              insert into schedule_overrides (account_id, schedule_id, user_id, start_at, end_at)
              values (:account, :schedule, :user, :start, :end)
              returning id, user_id, start_at, end_at, created_at)
            select o.id, o.user_id, u.name, o.start_at, o.end_at, o.created_at
            from o join users u on u.id = o.user_id and u.account_id = :account""")
        .param("account", accountId)
        .param("schedule", scheduleId)
        .param("user", userId)
        .param("start", Timestamp.from(start))
        .param("end", Timestamp.from(end))
        .query(Overrides::row)
        .single();
  }

  public void remove(long accountId, long scheduleId, long id) {
    requireSchedule(accountId, scheduleId);
    int deleted =
        jdbc.sql(
                "delete from schedule_overrides where account_id = ? and schedule_id = ? and id = ?")
            .params(accountId, scheduleId, id)
            .update();
    if (deleted == 0) {
      throw OnCallRefusal.notFound("Override " + id);
    }
  }

  private void requireSchedule(long accountId, long scheduleId) {
    if (schedules.find(accountId, scheduleId).isEmpty()) {
      throw OnCallRefusal.notFound("Schedule " + scheduleId);
    }
  }

  private static StoredOverride row(ResultSet rs, int row) throws SQLException {
    return new StoredOverride(
        rs.getLong("id"),
        rs.getLong("user_id"),
        rs.getString("name"),
        rs.getTimestamp("start_at").toInstant(),
        rs.getTimestamp("end_at").toInstant(),
        rs.getTimestamp("created_at").toInstant());
  }
}
