package dev.vigil.oncall.schedule;

import dev.vigil.oncall.OnCallRefusal;
import dev.vigil.oncall.Paging;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Schedules of one account as the REST API writes them. Every statement is scoped by account id.
 * Reading a schedule into the engine's values is {@link StoredSchedules}' job, so escalation and
 * the API read schedules the same way.
 */
@Component
public class ScheduleStore {

  private final JdbcClient jdbc;

  ScheduleStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<ScheduleRow> find(long accountId, long scheduleId) {
    return jdbc.sql(
            "select id, name, description, time_zone, team_id, created_at from schedules"
                + " where account_id = ? and id = ?")
        .params(accountId, scheduleId)
        .query(ScheduleRow.class)
        .optional();
  }

  /**
   * Locks the schedule's row until the transaction ends, so that replacing its layers, or deleting
   * it after checking that no escalation level targets it, cannot interleave with another writer
   * (inserting a target takes a key-share lock on the row, which waits for this one).
   */
  private boolean lock(long accountId, long scheduleId) {
    return jdbc.sql("select id from schedules where account_id = ? and id = ? for update")
        .params(accountId, scheduleId)
        .query(Long.class)
        .optional()
        .isPresent();
  }

  public List<ScheduleRow> list(long accountId, String query, Long teamId, Paging page) {
    return jdbc.sql(
            """
            select id, name, description, time_zone, team_id, created_at from schedules
            where account_id = :account
              and (cast(:query as text) is null or name ilike '%' || :query || '%')
              and (cast(:team as bigint) is null or team_id = :team)
            order by name, id limit :limit offset :offset""")
        .param("account", accountId)
        .param("query", query)
        .param("team", teamId)
        .param("limit", page.fetch())
        .param("offset", page.offset())
        .query(ScheduleRow.class)
        .list();
  }

  /**
   * Creates a schedule, layers included, after checking it as a whole: the engine's rules, zone
   * names, and that its members and team are the account's.
   *
   * @throws OnCallRefusal naming every field at fault
   */
  @Transactional
  public long create(long accountId, ScheduleRequest request) {
    return create(accountId, definition(accountId, request));
  }

  /**
   * Replaces name, description, time zone, team and all layers in one transaction; overrides and
   * calendar feeds stay.
   */
  @Transactional
  public void replace(long accountId, long scheduleId, ScheduleRequest request) {
    if (!lock(accountId, scheduleId)) {
      throw OnCallRefusal.notFound("Schedule " + scheduleId);
    }
    replace(accountId, scheduleId, definition(accountId, request));
  }

  private ScheduleDefinition definition(long accountId, ScheduleRequest request) {
    Set<Long> users = usersAmong(accountId, ScheduleDefinition.memberIds(request));
    boolean teamOfAccount = request.teamId() == null || teamExists(accountId, request.teamId());
    return ScheduleDefinition.of(request, users, teamOfAccount);
  }

  private long create(long accountId, ScheduleDefinition schedule) {
    long id =
        jdbc.sql(
                "insert into schedules (account_id, name, description, time_zone, team_id)"
                    + " values (?, ?, ?, ?, ?) returning id")
            .params(
                accountId,
                schedule.name(),
                schedule.description(),
                schedule.zone().getId(),
                schedule.teamId())
            .query(Long.class)
            .single();
    insertLayers(accountId, id, schedule.layers());
    return id;
  }

  /** Replaces everything; the caller holds the row's {@link #lock} in the same transaction. */
  private void replace(long accountId, long scheduleId, ScheduleDefinition schedule) {
    jdbc.sql(
            "update schedules set name = ?, description = ?, time_zone = ?, team_id = ?"
                + " where account_id = ? and id = ?")
        .params(
            schedule.name(),
            schedule.description(),
            schedule.zone().getId(),
            schedule.teamId(),
            accountId,
            scheduleId)
        .update();
    // Members and restrictions go with their layers (on delete cascade).
    jdbc.sql("delete from schedule_layers where account_id = ? and schedule_id = ?")
        .params(accountId, scheduleId)
        .update();
    insertLayers(accountId, scheduleId, schedule.layers());
  }

  private void insertLayers(long accountId, long scheduleId, List<Layer> layers) {
    for (int position = 0; position < layers.size(); position++) {
      addLayer(accountId, scheduleId, position, layers.get(position));
    }
  }

  /**
   * Adds one layer at {@code position} (0 is the bottom), members and restrictions included; the
   * caller has validated it with the schedule's other layers.
   */
  public long addLayer(long accountId, long scheduleId, int position, Layer layer) {
    long layerId =
        jdbc.sql(
                """
                insert into schedule_layers (account_id, schedule_id, position, name, start_at,
                    end_at, first_handoff, rotation_length, rotation_unit)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
            .params(
                accountId,
                scheduleId,
                position,
                layer.name().strip(),
                Timestamp.from(layer.start()),
                layer.end() == null ? null : Timestamp.from(layer.end()),
                // A LocalDateTime goes in as a timestamp without zone, untouched by the JVM's.
                layer.rotation().firstHandoff(),
                layer.rotation().length(),
                ApiNames.of(layer.rotation().unit()))
            .query(Long.class)
            .single();
    for (int i = 0; i < layer.members().size(); i++) {
      jdbc.sql(
              "insert into schedule_layer_members (account_id, layer_id, position, user_id)"
                  + " values (?, ?, ?, ?)")
          .params(accountId, layerId, i, layer.members().get(i))
          .update();
    }
    for (Restriction restriction : layer.restrictions()) {
      jdbc.sql(
              "insert into schedule_layer_restrictions (account_id, layer_id, kind, start_day,"
                  + " start_time, length_seconds) values (?, ?, ?, ?, ?, ?)")
          .params(
              accountId,
              layerId,
              restriction.isDaily() ? "daily" : "weekly",
              restriction.isDaily() ? null : restriction.day().getValue(),
              restriction.start(),
              restriction.length().toSeconds())
          .update();
    }
    return layerId;
  }

  /** Layers, their members and restrictions, overrides and calendar feeds go with it. */
  @Transactional
  public void delete(long accountId, long scheduleId) {
    if (!lock(accountId, scheduleId)) {
      throw OnCallRefusal.notFound("Schedule " + scheduleId);
    }
    List<String> usages = usages(accountId, scheduleId);
    if (!usages.isEmpty()) {
      throw OnCallRefusal.inUse("Schedule " + scheduleId, usages);
    }
    jdbc.sql("delete from schedules where account_id = ? and id = ?")
        .params(accountId, scheduleId)
        .update();
  }

  /** Escalation levels that page whoever is on call on the schedule, for a 409. */
  private List<String> usages(long accountId, long scheduleId) {
    return jdbc.sql(
            """
            select distinct 'escalation policy "' || p.name || '" level ' || l.position
            from escalation_targets t
            join escalation_levels l on l.id = t.level_id
            join escalation_policies p on p.id = l.policy_id
            where t.account_id = ? and t.schedule_id = ?
            order by 1""")
        .params(accountId, scheduleId)
        .query(String.class)
        .list();
  }

  /** Those of {@code userIds} that are users of the account. */
  public Set<Long> usersAmong(long accountId, Collection<Long> userIds) {
    return new HashSet<>(userNames(accountId, userIds).keySet());
  }

  /** Names by id of those of {@code userIds} that are users of the account. */
  public Map<Long, String> userNames(long accountId, Collection<Long> userIds) {
    Map<Long, String> names = new HashMap<>();
    if (userIds.isEmpty()) {
      return names;
    }
    jdbc.sql("select id, name from users where account_id = :account and id in (:ids)")
        .param("account", accountId)
        .param("ids", List.copyOf(new HashSet<>(userIds)))
        .query((rs, n) -> names.put(rs.getLong("id"), rs.getString("name")))
        .list();
    return names;
  }

  private boolean teamExists(long accountId, long teamId) {
    return jdbc.sql("select exists (select 1 from teams where account_id = ? and id = ?)")
        .params(accountId, teamId)
        .query(Boolean.class)
        .single();
  }

  /**
   * Schedules that could have {@code userId} on call from {@code since} on: those where they take
   * turns in a layer or have an override not over by then. Every schedule when {@code userId} is
   * null.
   */
  /** All of them, in id order (a user's schedules, for a calendar feed). */
  public List<Long> scheduleIds(long accountId, Long userId, Instant since) {
    return scheduleIds(accountId, userId, since, null);
  }

  /** One row more than the page (all, when {@code page} is null), in id order. */
  public List<Long> scheduleIds(long accountId, Long userId, Instant since, Paging page) {
    return jdbc.sql(
            """
            select s.id from schedules s
            where s.account_id = :account
              and (cast(:user as bigint) is null
                   or exists (select 1 from schedule_layer_members m
                              join schedule_layers l on l.id = m.layer_id
                              where l.schedule_id = s.id and m.user_id = :user)
                   or exists (select 1 from schedule_overrides o
                              where o.schedule_id = s.id and o.user_id = :user and o.end_at > :since))
            order by s.id
            limit cast(:fetch as int) offset :offset""")
        .param("account", accountId)
        .param("user", userId)
        .param("since", Timestamp.from(since))
        .param("fetch", page == null ? null : page.fetch())
        .param("offset", page == null ? 0 : page.offset())
        .query(Long.class)
        .list();
  }

  public record ScheduleRow(
      long id, String name, String description, String timeZone, Long teamId, Instant createdAt) {}
}
