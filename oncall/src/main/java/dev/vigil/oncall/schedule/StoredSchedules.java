package dev.vigil.oncall.schedule;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Loads schedules from PostgreSQL into the engine's values, always within one account. */
@Component
public class StoredSchedules {

  private final JdbcClient jdbc;

  public StoredSchedules(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<Named> find(long accountId, long scheduleId) {
    return jdbc.sql("select id, name, time_zone from schedules where account_id = ? and id = ?")
        .params(accountId, scheduleId)
        .query(
            (rs, n) ->
                new ScheduleRow(rs.getLong("id"), rs.getString("name"), rs.getString("time_zone")))
        .optional()
        .map(row -> new Named(row.id(), row.name(), load(accountId, row)));
  }

  private Schedule load(long accountId, ScheduleRow row) {
    Map<Long, LayerRow> layers = new LinkedHashMap<>();
    jdbc.sql(
            """
            select id, name, start_at, end_at, first_handoff, rotation_length, rotation_unit
            from schedule_layers where account_id = ? and schedule_id = ? order by position""")
        .params(accountId, row.id())
        .query(
            (rs, n) ->
                layers.put(
                    rs.getLong("id"),
                    new LayerRow(
                        rs.getString("name"),
                        instant(rs, "start_at"),
                        instant(rs, "end_at"),
                        new Rotation(
                            // Read as a LocalDateTime: through java.sql.Timestamp it would pass the
                            // JVM zone and
                            // could shift in that zone's DST gap.
                            rs.getObject("first_handoff", java.time.LocalDateTime.class),
                            rs.getInt("rotation_length"),
                            RotationUnit.valueOf(
                                rs.getString("rotation_unit").toUpperCase(java.util.Locale.ROOT))),
                        new ArrayList<>(),
                        new ArrayList<>())))
        .list();
    if (!layers.isEmpty()) {
      jdbc.sql(
              """
              select m.layer_id, m.user_id from schedule_layer_members m
              join schedule_layers l on l.id = m.layer_id
              where l.account_id = ? and l.schedule_id = ? order by m.layer_id, m.position""")
          .params(accountId, row.id())
          .query((rs, n) -> layers.get(rs.getLong("layer_id")).members().add(rs.getLong("user_id")))
          .list();
      jdbc.sql(
              """
              select r.layer_id, r.kind, r.start_day, r.start_time, r.length_seconds
              from schedule_layer_restrictions r join schedule_layers l on l.id = r.layer_id
              where l.account_id = ? and l.schedule_id = ? order by r.id""")
          .params(accountId, row.id())
          .query(
              (rs, n) -> {
                var start = rs.getObject("start_time", java.time.LocalTime.class);
                var length = Duration.ofSeconds(rs.getLong("length_seconds"));
                Restriction restriction =
                    "weekly".equals(rs.getString("kind"))
                        ? Restriction.weekly(DayOfWeek.of(rs.getInt("start_day")), start, length)
                        : Restriction.daily(start, length);
                return layers.get(rs.getLong("layer_id")).restrictions().add(restriction);
              })
          .list();
    }
    List<ScheduleOverride> overrides =
        jdbc.sql(
                "select user_id, start_at, end_at from schedule_overrides"
                    + " where account_id = ? and schedule_id = ? order by created_at, id")
            .params(accountId, row.id())
            .query(
                (rs, n) ->
                    new ScheduleOverride(
                        rs.getLong("user_id"), instant(rs, "start_at"), instant(rs, "end_at")))
            .list();
    return new Schedule(
        ZoneId.of(row.timeZone()),
        layers.values().stream()
            .map(
                l ->
                    new Layer(
                        l.name(), l.start(), l.end(), l.rotation(), l.members(), l.restrictions()))
            .toList(),
        overrides);
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    var timestamp = rs.getTimestamp(column);
    return timestamp == null ? null : timestamp.toInstant();
  }

  /** A schedule with its id and name, as escalation and the API show it. */
  public record Named(long id, String name, Schedule schedule) {}

  private record ScheduleRow(long id, String name, String timeZone) {}

  private record LayerRow(
      String name,
      Instant start,
      Instant end,
      Rotation rotation,
      List<Long> members,
      List<Restriction> restrictions) {}
}
